package io.tollgate.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Swagger UI's page and the webjar's files (from {@code WEB-INF/lib}), handed to the container's own static-file
 * servlet: the JAX-RS application at {@code /} would otherwise take these paths, and web.xml may not map the
 * container's servlet (Payara refuses it).
 */
@WebServlet(urlPatterns = {"/api-docs/*", "/webjars/*"})
public class StaticFiles extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if ("/api-docs".equals(request.getServletPath())
                && (request.getPathInfo() == null || "/".equals(request.getPathInfo()))) {
            request.getRequestDispatcher("/api-docs/index.html").forward(request, response);
            return;
        }
        getServletContext().getNamedDispatcher("default").forward(request, response);
    }
}
