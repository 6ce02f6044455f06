package io.tollgate.webhooks;

import io.tollgate.refusal.Refused;
import io.tollgate.observability.OnCommit;
import io.tollgate.observability.Metrics;
import io.tollgate.security.Actor;
import io.tollgate.credits.CreditAmounts;
import io.tollgate.credits.CreditsMoved;
import io.tollgate.credits.EntryType;
import io.tollgate.credits.CreditService;
import io.tollgate.web.Page;
import io.tollgate.web.PageRequest;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.LockModeType;
import java.util.logging.Logger;
import io.tollgate.credits.Posting;
import io.tollgate.persistence.Timestamps;
import io.tollgate.security.Secrets;
import io.tollgate.web.JsonMapping;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Credits payments. Each {@code eventId} is credited exactly once, ever: its {@link PaymentEvent} row is claimed
 * ({@code ON CONFLICT DO NOTHING}) in the crediting transaction before anything else, so simultaneous deliveries
 * of one event queue on the primary key and every later delivery gets the original answer.
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
    @ConfigProperty(name = "tollgate.webhooks.rates", defaultValue = "USD:1")
    String rateTable;
    @Inject
    @ConfigProperty(name = "tollgate.webhooks.payment-max-amount", defaultValue = "1000000")
    BigDecimal paymentMax;
    @Resource
    SessionContext session;

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
    public String receive(PaymentNotice notice, String fingerprint) {
        PaymentService self = session.getBusinessObject(PaymentService.class);
        try {
            return self.credit(notice, fingerprint);
        } catch (Refused refused) {
            self.recordRefusal(notice, refused.getMessage());
            metrics.paymentEvent("refused");
            throw refused;
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

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public String credit(PaymentNotice notice, String fingerprint) {
        BigDecimal rate = creditsPerUnit.get(notice.currency().toUpperCase(Locale.ROOT));
        if (rate == null) {
            throw WebhooksRefused.unknownCurrency(notice.currency());
        }
        int claimed = em.createNativeQuery("INSERT INTO payment_event (event_id, account_id, fingerprint, amount_paid,"
                        + " currency, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (event_id) DO NOTHING")
                .setParameter(1, notice.eventId())
                .setParameter(2, notice.userId())
                .setParameter(3, fingerprint)
                .setParameter(4, notice.amount())
                .setParameter(5, notice.currency())
                .setParameter(6, Timestamps.utc(Instant.now()))
                .executeUpdate();
        PaymentEvent event = em.find(PaymentEvent.class, notice.eventId());
        if (claimed == 0) {
            if (!event.isFor(fingerprint)) {
                throw WebhooksRefused.eventIdReused(notice.eventId());
            }
            onCommit.run(() -> metrics.paymentEvent("duplicate"));
            return event.responseBody();
        }
        BigDecimal creditsPaid = amounts.requirePositiveAtMost("amount", notice.amount().multiply(rate), paymentMax);
        CreditService.Moved moved = credits.post(Posting.credit(notice.userId(), EntryType.ADD_WEBHOOK, creditsPaid,
                Actor.webhook(notice.eventId()), notice.reason(), Optional.of(notice.eventId())));
        String answer = JsonMapping.toJson(CreditsMoved.of(moved, "Payment credited"));
        event.credited(moved.entry().id(), answer);
        Optional.ofNullable(em.find(PaymentRefusal.class, notice.eventId())).ifPresent(em::remove);
        onCommit.run(() -> metrics.paymentEvent("credited"));
        return answer;
    }

    /** Pluct's shared-secret webhook: credits as given, idempotent only through {@code Idempotency-Key}. */
    public CreditService.Moved creditShared(String userId, BigDecimal amount, Optional<String> reason,
                                    Optional<String> idempotencyKey) {
        return credits.post(Posting.credit(userId, EntryType.ADD_WEBHOOK, amount, Actor.webhook("add-credits"), reason,
                idempotencyKey));
    }

    static String fingerprint(String rawBody) {
        return Secrets.sha256Hex(rawBody);
    }
}
