/**
 * HTTP's ground: strict JSON reading, pagination, the JSON-B setup, the body limit and graceful shutdown.
 */
package io.tollgate.web;
