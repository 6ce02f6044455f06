/**
 * What an answer of the edge is: RFC 9457 problem JSON, the catalogue of problem types, the container's error
 * page. Used only by the edge and by the filters that answer for themselves.
 */
package io.tollgate.problem;
