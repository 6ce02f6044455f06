package io.tollgate.llmkeys;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** The last reconciliation this instance ran, and what it found: for the console's overview. */
@ApplicationScoped
public class LastReconciliation {

    public record Run(Instant finishedAt, LlmKeyReconciliation.Report report) {
    }

    private volatile Run last;

    void record(LlmKeyReconciliation.Report report) {
        last = new Run(Instant.now(), report);
    }

    public Optional<Run> get() {
        return Optional.ofNullable(last);
    }
}
