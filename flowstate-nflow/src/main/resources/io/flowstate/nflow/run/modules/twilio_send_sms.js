// Box library "twilio_send_sms": sends a one-time code (through the configured OTP sender).
function main() {
  payload.twilio_phone = payload[nflow_data.variable || 'phone'];
  next = send_otp(payload.twilio_phone) ? 'output_1' : 'output_2';
}
