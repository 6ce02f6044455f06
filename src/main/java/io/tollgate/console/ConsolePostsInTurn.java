package io.tollgate.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs one console session's form posts one after another. Every post of a page works on the same view-scoped bean,
 * and Faces runs simultaneous posts on it at once: a double click would let one post's action (which resets the
 * amount and draws a new idempotency key) interleave with the other's copying of the form into the bean, so a move
 * could fail, or run under the new key and apply twice. In turn, the later post carries the key the earlier one
 * used and is answered as a replay. Pages (GET) each get their own view and need no turn; each action is bounded by
 * the timeouts of what it calls, so a turn is short.
 */
@WebFilter(urlPatterns = "/console/*")
public class ConsolePostsInTurn extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String TURN = ConsolePostsInTurn.class.getName();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        if (!"POST".equals(request.getMethod()) || session == null) {
            chain.doFilter(request, response); // a post without a session has no view to share: it is refused later
            return;
        }
        ReentrantLock turn = turnOf(session);
        turn.lock();
        try {
            chain.doFilter(request, response);
        } finally {
            turn.unlock();
        }
    }

    private static ReentrantLock turnOf(HttpSession session) {
        Object turn = session.getAttribute(TURN);
        if (turn == null) {
            synchronized (ConsolePostsInTurn.class) { // once per session: two first posts must not make two locks
                turn = session.getAttribute(TURN);
                if (turn == null) {
                    turn = new ReentrantLock();
                    session.setAttribute(TURN, turn);
                }
            }
        }
        return (ReentrantLock) turn;
    }
}
