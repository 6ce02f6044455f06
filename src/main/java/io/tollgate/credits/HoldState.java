package io.tollgate.credits;

/** A hold is open while its purpose may still capture from it, closed once its rest is released. */
public enum HoldState {
    OPEN, CLOSED
}
