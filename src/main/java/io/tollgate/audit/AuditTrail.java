package io.tollgate.audit;

import io.tollgate.observability.RequestId;
import io.tollgate.security.Identity;
import io.tollgate.web.Page;
import io.tollgate.web.PageRequest;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail of admin actions. The command boundary appends an action's record in the action's own
 * transaction: no action without its record, no record of an action that did not happen. The console and the REST
 * API record through here alike.
 */
@Stateless
public class AuditTrail {

    /** Requests under this path come from the console; all others from the REST API. */
    public static final String CONSOLE_PATH = "/console/";

    @PersistenceContext
    EntityManager em;
    @Inject
    HttpServletRequest request;

    /** Records what {@code admin} did, as part of the transaction that did it. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void append(Identity admin, AuditNote note) {
        boolean console = request.getRequestURI().startsWith(request.getContextPath() + CONSOLE_PATH);
        em.persist(new AdminAction(Instant.now(), admin.subject(), note, console ? "console" : "api",
                request.getRemoteAddr(), RequestId.current().orElse(null)));
    }

    /** Records newest first, optionally of one account, one admin and one action. */
    public Page<AdminAction> search(Optional<String> userId, Optional<String> admin, Optional<String> action,
                                    PageRequest page) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<AdminAction> query = cb.createQuery(AdminAction.class);
        Root<AdminAction> row = query.from(AdminAction.class);
        List<Predicate> where = new ArrayList<>();
        userId.ifPresent(id -> where.add(cb.equal(row.get("userId"), id)));
        admin.ifPresent(name -> where.add(cb.equal(row.get("admin"), name)));
        action.ifPresent(name -> where.add(cb.equal(row.get("action"), name)));
        page.afterId().ifPresent(id -> where.add(cb.lessThan(row.get("id"), id)));
        query.select(row).where(where.toArray(Predicate[]::new)).orderBy(cb.desc(row.get("id")));
        List<AdminAction> rows = em.createQuery(query).setMaxResults(page.limit() + 1).getResultList();
        return Page.of(rows, page.limit(), r -> r.id().toString());
    }
}
