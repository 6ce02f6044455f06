package io.tollgate.web;

import io.tollgate.problem.ProblemException;
import io.tollgate.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses bodies larger than {@code tollgate.http.max-body-bytes} with 413: at once when Content-Length says so,
 * and while reading when the body is chunked.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestBodyLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "tollgate.http.max-body-bytes", defaultValue = "65536")
    long maxBodyBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBodyBytes) {
            throw tooLarge();
        }
        request.setEntityStream(new LimitedInputStream(request.getEntityStream(), maxBodyBytes));
    }

    private ProblemException tooLarge() {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                "Request bodies are limited to " + maxBodyBytes + " bytes");
    }

    private final class LimitedInputStream extends FilterInputStream {
        private long remaining;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                consumed(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                consumed(n);
            }
            return n;
        }

        private void consumed(int n) {
            remaining -= n;
            if (remaining < 0) {
                throw tooLarge();
            }
        }
    }
}
