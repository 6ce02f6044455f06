package io.tollgate.edge;

import io.tollgate.problem.Problem;
import io.tollgate.refusal.Refused;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every capability's refusal leaves JAX-RS as the problem {@link RefusalTable} names for it. */
@Provider
public class RefusedMapper implements ExceptionMapper<Refused> {

    @Override
    public Response toResponse(Refused refused) {
        return Problem.response(RefusalTable.problemFor(refused));
    }
}
