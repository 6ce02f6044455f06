package io.tollgate.webhooks;

import io.tollgate.command.Command;
import io.tollgate.command.Commands;
import io.tollgate.command.Outcome;
import io.tollgate.credits.CreditAmounts;
import io.tollgate.credits.CreditService;
import io.tollgate.credits.CreditsMoved;
import io.tollgate.credits.EntryType;
import io.tollgate.credits.Posting;
import io.tollgate.idempotency.IdempotencyRefused;
import io.tollgate.idempotency.IdempotentRequest;
import io.tollgate.observability.Metrics;
import io.tollgate.observability.OnCommit;
import io.tollgate.refusal.Refused;
import io.tollgate.security.Actor;
import io.tollgate.web.Page;
import io.tollgate.web.PageRequest;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Credits payments. Each {@code eventId} is credited exactly once, ever: it is the payment's command's idempotency
 * key, kept forever, so simultaneous deliveries of one event queue on the key and every later delivery gets the
 * original answer. What was paid is kept as a {@link PaymentEvent}.
 */
@Stateless
public class PaymentService {

    @PersistenceContext
    EntityManager em;
    @Inject
    Metrics metrics;
    @Inject
    OnCommit onCommit;
    @Inject
    CreditService credits;
    @Inject
    CreditAmounts amounts;
    @Inject
    Commands commands;
    @Inject
    @ConfigProperty(name = "tollgate.webhooks.rates", defaultValue = "USD:1")
    String rateTable;
    @Inject
    @ConfigProperty(name = "tollgate.webhooks.payment-max-amount", defaultValue = "1000000")
    BigDecimal paymentMax;
    @Resource
    SessionContext session;

    /** The scope of payment events' keys in the idempotency store: an event id names one payment, whoever sends it. */
    static final String EVENT_SCOPE = "payment-event";

    private static final Logger LOG = Logger.getLogger(PaymentService.class.getName());

    private final Map<String, BigDecimal> creditsPerUnit = new HashMap<>();

    @PostConstruct
    void parseRates() {
        for (String entry : rateTable.split(",")) {
            String[] pair = entry.trim().split(":");
            creditsPerUnit.put(pair[0].toUpperCase(Locale.ROOT), new BigDecimal(pair[1]));
        }
    }

    /**
     * Credits a signed payment and answers the JSON of the credit: the first time it is made, and the same JSON on
     * every redelivery. A refusal (over the payment maximum, an unknown currency or user, an event id reused for
     * other content) is recorded for admins in a transaction of its own, then answered as usual.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String receive(PaymentNotice notice, String rawBody) {
        PaymentService self = session.getBusinessObject(PaymentService.class);
        try {
            Outcome<CreditsMoved> paid = commands.run(Command.named("POST /webhooks/payments")
                            .idempotent(IdempotentRequest.permanent(EVENT_SCOPE, notice.eventId(), rawBody)),
                    () -> self.credit(notice));
            if (paid.replayed()) {
                metrics.paymentEvent("duplicate");
            }
            return paid.json();
        } catch (Refused refused) {
            Refused answered = refused instanceof IdempotencyRefused ? WebhooksRefused.eventIdReused(notice.eventId())
                    : refused;
            self.recordRefusal(notice, answered.detail());
            metrics.paymentEvent("refused");
            throw answered;
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordRefusal(PaymentNotice notice, String reason) {
        Instant now = Instant.now();
        PaymentRefusal known = em.find(PaymentRefusal.class, notice.eventId(), LockModeType.PESSIMISTIC_WRITE);
        if (known == null) {
            em.persist(new PaymentRefusal(notice, reason, now));
        } else {
            known.refusedAgain(reason, now);
        }
        LOG.warning(() -> "Payment event " + notice.eventId() + " refused: " + reason);
    }

    /** Admin: refused payments, by event id. */
    /** Signed payments that could not be credited and still wait for an admin. */
    public long refusalCount() {
        return em.createQuery("SELECT count(r) FROM PaymentRefusal r", Long.class).getSingleResult();
    }

    public Page<PaymentRefusal.PaymentRefusalJson> refusals(PageRequest page) {
        return Page.of(em.createNamedQuery("PaymentRefusal.page", PaymentRefusal.class)
                        .setParameter("after", page.after().orElse(""))
                        .setMaxResults(page.limit() + 1).getResultList(), page.limit(), PaymentRefusal::eventId)
                .map(PaymentRefusal::json);
    }

    /** The payment command's work, in its transaction: the event's key is already claimed. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public CreditsMoved credit(PaymentNotice notice) {
        BigDecimal rate = creditsPerUnit.get(notice.currency().toUpperCase(Locale.ROOT));
        if (rate == null) {
            throw WebhooksRefused.unknownCurrency(notice.currency());
        }
        BigDecimal creditsPaid = amounts.requirePositiveAtMost("amount", notice.amount().multiply(rate), paymentMax);
        CreditService.Moved moved = credits.post(Posting.credit(notice.userId(), EntryType.ADD_WEBHOOK, creditsPaid,
                Actor.webhook(notice.eventId()), notice.reason(), Optional.of(notice.eventId())));
        em.persist(new PaymentEvent(notice, moved.entry().id(), Instant.now()));
        Optional.ofNullable(em.find(PaymentRefusal.class, notice.eventId())).ifPresent(em::remove);
        onCommit.run(() -> metrics.paymentEvent("credited"));
        return CreditsMoved.of(moved, "Payment credited");
    }

    /** Pluct's shared-secret webhook: credits as given, idempotent only through {@code Idempotency-Key}. */
    public CreditService.Moved creditShared(String userId, BigDecimal amount, Optional<String> reason,
                                    Optional<String> idempotencyKey) {
        return credits.post(Posting.credit(userId, EntryType.ADD_WEBHOOK, amount, Actor.webhook("add-credits"), reason,
                idempotencyKey));
    }

}
