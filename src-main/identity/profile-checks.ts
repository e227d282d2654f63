/** IEEE 2030.5 certificate profile notes (warnings only: the utility's PKI decides what it issues). */
import type { CertificateCheck } from '../../src-shared/identity'
import { readHardwareModuleName, type HardwareModule } from '../pki/hardware-module-name'
import { OID_CERTIFICATE_POLICIES, OID_SUBJECT_ALT_NAME, SEP2_POLICY, SEP2_POLICY_OIDS } from '../pki/profile'
import { CertificatePolicyExtension } from '../pki/x509'
import type { ReadCertificate } from './read-files'

const POLICY_NAMES: Record<string, string> = {
  [SEP2_POLICY.device]: 'device',
  [SEP2_POLICY.mobile]: 'mobile device',
  [SEP2_POLICY.postManufacture]: 'post-manufacture',
  [SEP2_POLICY.test]: 'test certificate',
  [SEP2_POLICY.selfSigned]: 'self-signed',
  [SEP2_POLICY.serviceProvider]: 'service provider',
  [SEP2_POLICY.bulkIssued]: 'bulk-issued',
}

export function policiesOf(device: ReadCertificate): { policies: string[]; critical: boolean } | undefined {
  const extension = device.x509.getExtension<CertificatePolicyExtension>(OID_CERTIFICATE_POLICIES)
  if (!extension) return undefined
  return { policies: extension instanceof CertificatePolicyExtension ? [...extension.policies] : [], critical: extension.critical }
}

export function hardwareModuleOf(device: ReadCertificate): HardwareModule | undefined {
  const extension = device.x509.getExtension(OID_SUBJECT_ALT_NAME)
  if (!extension) return undefined
  try {
    return readHardwareModuleName(extension.value)
  } catch {
    return undefined
  }
}

export function policiesCheck(device: ReadCertificate): CertificateCheck {
  const label = 'IEEE 2030.5 certificate policies'
  const found = policiesOf(device)
  if (!found) {
    return { id: 'profile-policies', label, status: 'warn', detail: 'The certificate has no certificatePolicies extension; IEEE 2030.5 certificates carry one (marked critical) with the 2030.5 policy identifiers. Utility servers may refuse it.' }
  }
  const sep2 = found.policies.filter((oid) => SEP2_POLICY_OIDS.includes(oid))
  if (sep2.length === 0) {
    return { id: 'profile-policies', label, status: 'warn', detail: `The certificate policies (${found.policies.join(', ')}) include no IEEE 2030.5 policy (1.3.6.1.4.1.40732...).` }
  }
  const names = sep2.map((oid) => POLICY_NAMES[oid] ?? oid).join(', ')
  if (!found.critical) return { id: 'profile-policies', label, status: 'warn', detail: `IEEE 2030.5 policies present (${names}), but the extension is not marked critical as the profile requires.` }
  return { id: 'profile-policies', label, status: 'pass', detail: `IEEE 2030.5 policies: ${names}.` }
}

export function hardwareModuleCheck(device: ReadCertificate): CertificateCheck {
  const label = 'Hardware module name'
  const module = hardwareModuleOf(device)
  if (!module) {
    return { id: 'profile-hardware-module-name', label, status: 'warn', detail: 'The certificate has no hardwareModuleName in its subjectAltName; IEEE 2030.5 device certificates name the device type and serial number there.' }
  }
  return { id: 'profile-hardware-module-name', label, status: 'pass', detail: `Device type ${module.hwType}, serial number ${module.hwSerialNum}.` }
}
