// Box library "mustache": answers data.template rendered with the payload (Mustache).
function main() {
  c.HTML(200, mustache(nflow_data.template || '', payload));
}
