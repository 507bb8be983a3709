// Box library "_end": an empty JSON answer.
function main() {
  c.JSON(200, {});
}
