package io.tollgate.security;

import java.util.Optional;

/** Turns a presented {@code X-API-Key} into a partner identity; implemented where partner keys are kept. */
public interface PartnerKeyAuthenticator {

    Optional<Identity> authenticate(String presentedSecret);
}
