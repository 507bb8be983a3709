// Box library "twilio_validate_sms": checks the one-time code.
function main() {
  next = check_otp(payload.twilio_phone, payload[nflow_data.variable || 'code']) ? 'output_1' : 'output_2';
}
