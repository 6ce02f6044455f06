/**
 * The admin console (Jakarta Faces under {@code /console/}): pages whose beans validate, run one capability's
 * command and render its outcome. It calls capabilities only; nothing calls it.
 */
package io.tollgate.console;
