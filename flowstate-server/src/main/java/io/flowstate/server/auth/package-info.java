/**
 * Who a caller is: bearer tokens ({@code auth.mode = jwt}) verified against a JSON Web Key Set, the admin token
 * ({@code auth.mode = none}), and owner binding, which answers a process of another subject exactly as an unknown id
 * on every route and stream (docs/auth.md).
 */
@NullMarked
package io.flowstate.server.auth;

import org.jspecify.annotations.NullMarked;
