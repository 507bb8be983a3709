// Box library "parser_query_param": the query parameters' first values into the payload.
function main() {
  var query = c.QueryParams();
  for (var name in query) {
    payload[name] = query[name][0];
  }
}
