package io.tollgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs the OpenRouter key reconciliation now, as an admin would. */
public final class Reconciliation {

    private Reconciliation() {
    }

    /** The server's minute timer may hold the run's lock, so this retries briefly until a run was its own. */
    public static void runNow(Api api, String adminToken) {
        for (int attempt = 0; attempt < 40; attempt++) {
            Api.Reply reply = api.post("/admin/llm-keys/reconcile", "").bearer(adminToken).send();
            assertEquals(200, reply.status(), reply::toString);
            if (reply.json().getBoolean("ran")) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("reconciliation never got its turn");
    }
}
