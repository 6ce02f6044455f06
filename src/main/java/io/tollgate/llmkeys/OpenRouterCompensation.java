package io.tollgate.llmkeys;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.math.BigDecimal;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What OpenRouter is told when a transaction that changed a key there does not commit, so that OpenRouter never keeps
 * what Tollgate has no record of: a key created is deleted again, a limit raised goes back to what its hold covers.
 */
@ApplicationScoped
public class OpenRouterCompensation {

    private static final Logger LOG = Logger.getLogger(OpenRouterCompensation.class.getName());

    @Inject
    OpenRouter openRouter;
    @Resource
    TransactionSynchronizationRegistry transactions;

    /** If this transaction does not commit, the key just created at OpenRouter must not outlive it. */
    void deleteIfRolledBack(String hash) {
        afterRollback(() -> openRouter.delete(hash), "delete an unrecorded OpenRouter key");
    }

    /** If this transaction does not commit, the key's limit goes back to what its hold covers. */
    void restoreLimitIfRolledBack(String hash, BigDecimal limitUsd) {
        afterRollback(() -> openRouter.setLimit(hash, limitUsd), "restore an OpenRouter key's limit");
    }

    private void afterRollback(Runnable compensation, String what) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before the outcome is known
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    try {
                        compensation.run();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Could not " + what + "; the reconciler will", e);
                    }
                }
            }
        });
    }
}
