// Box library "form": renders the node's html_form and page template, answers it, and pauses the run.
function main() {
  var next = __outputs.output_1 || '';
  var d = {
    form_code: '',
    action: '/nflow/node/run/' + __flow_name + '/' + next,
    next: next,
    payload: payload,
    profile: get_profile(),
    url: nflow_endpoint,
    name: nflow_data.name_box || '',
    process_id: __process_id
  };
  d.form_code = template(nflow_data.html_form || '', d);
  c.HTML(200, template(get_template(nflow_data.template || ''), d));
  payload['break'] = true;
}
