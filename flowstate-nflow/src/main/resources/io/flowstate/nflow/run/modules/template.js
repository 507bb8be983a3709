// Box library "template": answers data.template rendered with the payload (Go html/template subset).
function main() {
  c.HTML(200, template(nflow_data.template || '', payload));
}
