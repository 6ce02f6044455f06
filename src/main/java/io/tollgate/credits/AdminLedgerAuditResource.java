package io.tollgate.credits;

import io.tollgate.audit.AuditNote;
import io.tollgate.command.Commands;
import io.tollgate.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;

/** Admin: the ledger audit's last run, and a run on demand. */
@Path("/admin/ledger/audit")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminLedgerAuditResource {

    @Inject
    Caller caller;
    @Inject
    LedgerAudit audit;
    @Inject
    Commands commands;

    @GET
    public JsonObject latest() {
        caller.admin();
        return audit.latest().map(AdminLedgerAuditResource::json)
                .orElseThrow(CreditsRefused::notAuditedYet);
    }

    @POST
    public JsonObject runNow() {
        return commands.adminAction(caller.admin(), AuditNote.of("ledger.audit"), audit::run).map(AdminLedgerAuditResource::json)
                .orElseThrow(CreditsRefused::auditRunning);
    }

    static JsonObject json(LedgerAuditRun run) {
        try (JsonReader examples = Json.createReader(new StringReader(run.examples()))) {
            return Json.createObjectBuilder()
                    .add("id", run.id())
                    .add("request_id", run.requestId())
                    .add("started_at", run.startedAt().toString())
                    .add("finished_at", run.finishedAt().toString())
                    .add("accounts_checked", run.accountsChecked())
                    .add("differences", run.differences())
                    .add("examples", examples.readArray())
                    .build();
        }
    }
}
