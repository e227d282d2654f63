/**
 * The closed lists of error codes, one per layer (issue 16 item 4; DESIGN.md "one error class per failure kind with a
 * stable code"). Each code has a short message (what went wrong, in general) and what the installer can do about it.
 * `AppError` (src-main/errors.ts) and `fail` (src-shared/result.ts) accept only a listed code, and the renderer looks
 * up "what to do" here, so a new code means one new entry in its layer's list, with its text, or nothing compiles.
 */

export interface ErrorCodeText {
  /** What went wrong, in general (the error's own message says the particulars). */
  message: string
  /** What the installer can do about it. */
  whatToDo: string
}

type CodeList = Record<string, ErrorCodeText>
const t = (message: string, whatToDo: string): ErrorCodeText => ({ message, whatToDo })

/** NMI, keys, certificates (src-shared/identity, src-main/identity, src-main/pki). */
export const IDENTITY_ERRORS = {
  NMI_EMPTY: t('No NMI given.', 'Type the 10-character NMI from the meter or the connection offer.'),
  NMI_LENGTH: t('An NMI has 10 characters (11 with its checksum digit).', 'Check the NMI against the connection offer.'),
  NMI_CHARACTERS: t('An NMI holds only letters A-Z (not O or I) and digits.', 'Check the NMI for a mistyped letter or digit.'),
  NMI_CHECKSUM: t('The NMI checksum digit does not match.', 'Re-type the NMI; the last digit is a checksum of the first ten.'),
  NMI_INVALID: t('The NMI is not valid.', 'Check the NMI against the connection offer.'),
  SECRET_BOX_DECRYPT: t('A stored secret could not be decrypted.', 'Import the certificate and key again.'),
  KEY_STORE_BAD_ID: t('The key reference is not valid.', 'Import the certificate and key again.'),
  KEY_STORE_BAD_KEY: t('The private key could not be read.', 'Pick the PEM private key that belongs to the certificate.'),
  KEY_STORE_NOT_FOUND: t('The site’s private key is not in the key store.', 'Import the certificate and key again, or generate a new key and CSR.'),
  KEY_STORE_TAMPERED: t('A stored key failed its integrity check.', 'Import the certificate and key again; do not edit the data folder by hand.'),
  KEY_STORE_WRONG_BOX: t('A stored key was sealed on another computer or account.', 'Import the certificate and key on this computer.'),
  CERTIFICATE_FILE: t('The certificate file could not be used.', 'Pick the PEM certificate (and chain) the utility issued for this device.'),
  PKI_CSR_REJECTED: t('The certificate request was refused.', 'Generate a new CSR in the Certificates step and try again.'),
} as const satisfies CodeList

/** Records in the data folder (src-main/storage). */
export const STORAGE_ERRORS = {
  SITE_NOT_FOUND: t('The site is not in the data folder.', 'Pick the site again from the list (it may have been deleted).'),
  DEVICE_NOT_FOUND: t('The device is not in the data folder.', 'Refresh the Devices step; add the device again if needed.'),
  REPORT_NOT_FOUND: t('The report is not in the history.', 'Export the report again.'),
} as const satisfies CodeList

/** Modbus buses and the devices on them (src-main/modbus, src-main/devices). */
export const DEVICE_ERRORS = {
  MODBUS_TIMEOUT: t('The device did not answer in time.', 'Check the wiring, the unit id and the device’s Modbus settings; raise the timeout if the bus is slow.'),
  MODBUS_EXCEPTION: t('The device refused the request (Modbus exception).', 'Check the unit id and that the device offers this register (SunSpec model).'),
  MODBUS_CRC: t('A garbled reply came back (CRC error).', 'Check the RS-485 wiring, termination and that every device uses the same baud rate and parity.'),
  MODBUS_CONNECTION: t('The Modbus connection failed or closed.', 'Check the address and port, the network or the USB adapter, and that no other program holds it.'),
  MODBUS_ABORTED: t('The Modbus request was cancelled.', 'Nothing to do: it was stopped on purpose.'),
  PORT_NOT_FOUND: t('The serial port does not exist.', 'Plug the USB-RS485 adapter in and pick its port again.'),
  PORT_BUSY: t('The serial port is in use by another program.', 'Close the other program (or the other device session) that holds the port.'),
  PORT_PERMISSION: t('No permission to open the serial port.', 'On Linux add your user to the dialout group and log in again.'),
  PORT_LIST: t('The serial ports could not be listed.', 'Replug the adapter and try again.'),
  BUS_SETTINGS_CONFLICT: t('Devices on one bus need the same serial settings.', 'Use one baud rate, parity and stop bits for every device on this port.'),
  SUNSPEC_NOT_FOUND: t('No SunSpec marker ("SunS") at 40000, 0 or 50000.', 'Check the unit id, or pick a register-map profile for a non-SunSpec device.'),
  SUNSPEC_CHAIN: t('The SunSpec model chain could not be walked.', 'Check the device firmware; report the register dump to the maker.'),
  DEVICE_DISCOVERY: t('The device could not be discovered.', 'Check the connection settings and read the device again.'),
  DEVICE_NOT_DISCOVERED: t('The device has not been read yet.', 'Run discovery on it first.'),
  DEVICE_NOT_CONTROLLABLE: t('The device offers no way to limit its output.', 'Use an inverter with SunSpec model 123 or 704, or control it another way.'),
  DEVICE_WRITE_MISMATCH: t('The device did not keep the value written.', 'Check the device’s remote-control enable setting and its own limits.'),
  CONTROL_NOT_SUPPORTED: t('The device does not support this control.', 'Pick a mode the device supports, or a device that supports it.'),
  DEVICES_NONE_ASSIGNED: t('No device has a role yet.', 'Give the site meter and the inverters their roles in the Devices step.'),
  DEVICE_READ: t('Reading the device failed.', 'Check the connection and read the device again.'),
  DEVICE_SCAN: t('Scanning for devices failed.', 'Check the connection settings and scan again.'),
  DEVICE_WRITE: t('Writing to the device failed.', 'Check the connection; the controller tries again at the next cycle.'),
  DER_RATING_RANGE: t('A device rating is out of range.', 'Check the nameplate ratings the device reports (SunSpec model 120).'),
} as const satisfies CodeList

/** HTTPS with mutual TLS to the utility server (src-main/sep2/transport). */
export const TRANSPORT_ERRORS = {
  SEP2_ABORTED: t('The request was cancelled.', 'Nothing to do: it was stopped on purpose.'),
  SEP2_CONNECT: t('The utility server could not be reached.', 'Check the URL, the internet connection and any firewall or proxy.'),
  SEP2_HTTP_STATUS: t('The utility server refused the request.', 'Check the exchange log for the server’s answer; ask the utility if it persists.'),
  SEP2_NOT_FOUND: t('The server has no such resource (404).', 'Check the URL; for your own device, ask the utility whether it is registered.'),
  SEP2_RATE_LIMITED: t('The server asked the client to slow down (429).', 'Nothing to do: the client waits as asked and tries again.'),
  SEP2_SERVER_ERROR: t('The utility server had an error (5xx).', 'Nothing to do now: the client backs off and tries again; call the utility if it lasts.'),
  SEP2_TIMEOUT: t('The utility server did not answer in time.', 'Check the connection; the client tries again.'),
  SEP2_TLS_CLIENT_REJECTED: t('The server refused this device’s certificate.', 'Check that the certificate is the one the utility issued and registered, and not expired.'),
  SEP2_TLS_CONFIG: t('The certificate or key could not be used for TLS.', 'Check that the key matches the certificate and the chain is complete.'),
  SEP2_TLS_HOSTNAME: t('The server certificate does not name this host.', 'Check the server URL against the one the utility gave you.'),
  SEP2_RESPONSE_TOO_LARGE: t('The server sent a response larger than any IEEE 2030.5 resource needs.', 'Report it to the utility with the exchange log; the client treats it as a failed poll.'),
  SEP2_REDIRECT: t('The server answered with a redirect, which the client does not follow.', 'Check the server URL against the one the utility gave you.'),
  SEP2_OTHER_ORIGIN: t('A link points to another host, so the client certificate is not presented there.', 'Report it to the utility with the exchange log.'),
  SEP2_TLS_SERVER_UNTRUSTED: t('The server certificate does not lead to the utility’s SERCA.', 'Import the SERCA certificate the utility gave you; check the server URL.'),
} as const satisfies CodeList

/** The IEEE 2030.5 client: codec, discovery, polling (src-main/sep2/xml, src-main/sep2/client, server step). */
export const SEP2_CLIENT_ERRORS = {
  SEP2_XML_MALFORMED: t('The server sent something that is not XML.', 'Check the exchange log for the raw body.'),
  SEP2_XML_UNEXPECTED_ROOT: t('The server answered with a different resource than expected.', 'Check the link that was followed.'),
  SEP2_XML_INVALID: t('The resource is missing data IEEE 2030.5 requires.', 'Report it to the utility with the exchange log.'),
  SEP2_XML_SERIALISE: t('The app built an incomplete document.', 'This is a bug: please report it.'),
  SEP2_XML_WORKER: t('The parser worker stopped while reading a document (it may be far too large or nested).', 'It is read again at the next poll; if it keeps happening, send the exchange log to the utility.'),
  SEP2_CLOCK_OFFSET: t('This computer’s clock is more than a minute off the server’s.', 'Sync the clock (NTP) before relying on event timing.'),
  SEP2_END_DEVICE_NOT_FOUND: t('The server lists no EndDevice for this device’s LFDI.', 'Send the LFDI/SFDI to the utility and ask them to register it.'),
  SEP2_LIST_TOO_LONG: t('A list claims more entries than any site can need.', 'Report it to the utility with the exchange log; the client keeps its last good copy.'),
  SEP2_LIST_PAGING: t('A list’s pages repeat or never end.', 'Report it to the utility with the exchange log; the client keeps its last good copy.'),
  SEP2_WALK_TOO_LARGE: t('The server’s resource tree is larger than any site can need (a link loop?).', 'Report it to the utility with the exchange log.'),
  SEP2_LINK_MISSING: t('The server does not offer a resource the client needs.', 'Ask the utility whether the registration is complete.'),
  SEP2_POLL_FAILED: t('Polling the utility server failed.', 'Check the exchange log; the client tries again at the next poll.'),
  SEP2_REGISTRATION_PIN_MISMATCH: t('The server registered this device with another PIN.', 'Check the PIN for this site; call the utility before going on.'),
  SERVER_NO_CERTIFICATE: t('The site has no certificate yet.', 'Import or request the device certificate in the Certificates step.'),
  SERVER_NO_URL: t('No utility server URL is set.', 'Enter the server URL the utility gave you.'),
  SERVER_NO_VIRTUAL_LFDI: t('No virtual LFDI could be made for the site.', 'Check the NMI in the Site step.'),
  SERVER_OTHER_ORIGIN: t('The link is not on the configured server.', 'Browse only links the server gave (relative hrefs).'),
} as const satisfies CodeList

/** Controls from the server: programs, events, defaults (src-main/controls). */
export const CONTROLS_ERRORS = {
  CONTROLS_FETCH_NOT_REGISTERED: t('This device is not registered on the server.', 'Finish the Utility server step first.'),
  CONTROLS_FETCH_NO_EDEV: t('The server lists no EndDevice for this device.', 'Ask the utility to register the device’s LFDI.'),
  CONTROLS_FETCH_STATUS: t('The controls could not be read from the server.', 'Check the exchange log; the client polls again.'),
} as const satisfies CodeList

/** Readings to the server (src-shared/telemetry, src-main/telemetry). */
export const TELEMETRY_ERRORS = {
  TELEMETRY_MRID: t('A reading mRID could not be made.', 'This is a bug: please report it.'),
  TELEMETRY_NOT_FINITE: t('A reading was not a number.', 'Check the site meter readings in the Devices step.'),
  TELEMETRY_OUT_OF_RANGE: t('A reading does not fit IEEE 2030.5’s Int16 with a multiplier.', 'Check the meter’s scale factors in the Devices step.'),
  TELEMETRY_NO_LOCATION: t('The server created a usage point but gave no Location.', 'Report it to the utility; the client tries again.'),
  TELEMETRY_POST_RATE: t('The post rate is not usable.', 'Use a post rate the handbook allows (e.g. 300 s).'),
  TELEMETRY_REFUSED: t('The server refused the usage point in every form the client can send; readings are kept in the buffer.', 'Send the server’s answer (Telemetry step, exchange log) to the utility; the client tries again at its next start.'),
} as const satisfies CodeList

/** Verification test runs (src-main/verification). */
export const VERIFICATION_ERRORS = {
  OVERRIDE_NOT_CONFIRMED: t('Overriding the utility’s control was not confirmed for the event in force.', 'Look at the utility’s control again and confirm the override, or let the stricter limit apply.'),
  PROFILE_DURATION: t('The test profile is too long or too short.', 'Change the profile’s duration.'),
  PROFILE_EMPTY: t('The test profile has no steps.', 'Add at least one step.'),
  PROFILE_NAME: t('The test profile needs a name.', 'Give the profile a name.'),
  PROFILE_STEP: t('A step of the test profile is not valid.', 'Check each step’s time and value.'),
  PROFILE_UNKNOWN: t('No such test profile.', 'Pick a profile from the list.'),
  RUN_BUSY: t('A test run is already under way.', 'Wait for it to finish or stop it first.'),
  RUN_DISCOVERY: t('The utility server walk did not complete.', 'Open the Utility server step and fix what it shows.'),
  RUN_LOST: t('The test run was not recorded.', 'Start the run again.'),
  RUN_NOT_FOUND: t('No such test run.', 'Pick a run from the list.'),
} as const satisfies CodeList

/** The commissioning report (src-main/report). */
export const REPORT_ERRORS = {
  REPORT_OUTPUT: t('The report could not be written there.', 'Pick another folder or file name (.pdf, .json, .html).'),
  REPORT_PDF: t('The PDF could not be made.', 'Export HTML or JSON instead, and report the problem.'),
  REPORT_SCHEMA: t('The report does not match its published schema.', 'This is a bug: please report it.'),
} as const satisfies CodeList

/** Hosts, the API between renderer and engine, the site runtime, demo mode, the simulators. */
export const APP_ERRORS = {
  API_BAD_INPUT: t('The request did not match the API.', 'Reload the page; report it if it comes back.'),
  API_MESSAGE_TOO_COMPLEX: t('A message to the engine was too large or too deeply structured.', 'Pick smaller files; reload the page if it comes back.'),
  API_BAD_MESSAGE: t('A message to the engine could not be read.', 'Reload the page.'),
  API_DISCONNECTED: t('The connection to the engine was lost.', 'Reload the page.'),
  API_UNKNOWN_COMMAND: t('The engine does not know this command.', 'Reload the page (the app may have been updated).'),
  HOST_NO_DIALOGS: t('This host has no file dialog.', 'Pick the files in the page instead.'),
  INTERNAL: t('Something went wrong inside the app.', 'Try again; report it with the log if it comes back.'),
  SHUTTING_DOWN: t('The engine is shutting down.', 'Start the app again.'),
  DEMO_OFF: t('This needs demo mode.', 'Start the app in demo mode.'),
  SITE_NOT_LIVE: t('The site is not running.', 'Start the live session in the Devices step first.'),
  SIM_SCENARIO_INVALID: t('The simulator scenario is not valid.', 'Fix the scenario file as the message says.'),
} as const satisfies CodeList

/** The command-line tool (src-main/cli). */
export const CLI_ERRORS = {
  CLI_USAGE: t('The command line is not valid.', 'Run the command with --help.'),
  CLI_FILE_UNREADABLE: t('A file named on the command line could not be read.', 'Check the path and its permissions.'),
} as const satisfies CodeList

/** The CSIP-AUS conformance pre-check (src-shared/conformance, src-main/conformance). */
export const CONFORMANCE_ERRORS = {
  CONFORMANCE_PROCEDURE_INVALID: t('A conformance test procedure could not be read.', 'Reinstall the app; the procedure files ship with it and must not be edited.'),
  CONFORMANCE_EXPRESSION: t('A value in a conformance test procedure could not be worked out.', 'Check the site’s DER ratings and settings (the procedure’s values are worked out from them).'),
} as const satisfies CodeList

export const ERROR_CODES = {
  ...IDENTITY_ERRORS,
  ...STORAGE_ERRORS,
  ...DEVICE_ERRORS,
  ...TRANSPORT_ERRORS,
  ...SEP2_CLIENT_ERRORS,
  ...CONTROLS_ERRORS,
  ...TELEMETRY_ERRORS,
  ...VERIFICATION_ERRORS,
  ...REPORT_ERRORS,
  ...APP_ERRORS,
  ...CLI_ERRORS,
  ...CONFORMANCE_ERRORS,
} as const satisfies CodeList

export type IdentityErrorCode = keyof typeof IDENTITY_ERRORS
export type StorageErrorCode = keyof typeof STORAGE_ERRORS
export type DeviceErrorCode = keyof typeof DEVICE_ERRORS
export type TransportErrorCode = keyof typeof TRANSPORT_ERRORS
export type Sep2ClientErrorCode = keyof typeof SEP2_CLIENT_ERRORS
export type ControlsErrorCode = keyof typeof CONTROLS_ERRORS
export type TelemetryErrorCode = keyof typeof TELEMETRY_ERRORS
export type VerificationErrorCode = keyof typeof VERIFICATION_ERRORS
export type ReportErrorCode = keyof typeof REPORT_ERRORS
export type AppLayerErrorCode = keyof typeof APP_ERRORS
export type CliErrorCode = keyof typeof CLI_ERRORS
export type ConformanceErrorCode = keyof typeof CONFORMANCE_ERRORS
/** Every code an AppError or a failed Result may carry. */
export type ErrorCode = keyof typeof ERROR_CODES

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code)
}

/** The general message and what to do for a code; undefined for a code from outside the lists (e.g. an older engine). */
export function errorCodeText(code: string): ErrorCodeText | undefined {
  return isErrorCode(code) ? ERROR_CODES[code] : undefined
}
