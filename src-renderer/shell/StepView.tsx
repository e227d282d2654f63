import type { WizardStep } from '../../src-shared/domain/wizard'
import { useStore } from '../store'
import { StepNav } from './StepNav'
import { CertificatesStep } from '../steps/certificates/CertificatesStep'
import { DevicesStep } from '../steps/devices/DevicesStep'
import { LimitsStep } from '../steps/limits/LimitsStep'
import { ServerStep } from '../steps/server/ServerStep'
import { ReportStep } from '../steps/report/ReportStep'
import { SiteStep } from '../steps/site/SiteStep'
import { TelemetryStep } from '../steps/telemetry/TelemetryStep'
import { VerificationStep } from '../steps/verification/VerificationStep'

export function StepView() {
  const step = useStore((s) => s.step)
  return (
    <section className="step-view">
      {renderStep(step)}
      <StepNav />
    </section>
  )
}

function renderStep(step: WizardStep) {
  switch (step) {
    case 'site':
      return <SiteStep />
    case 'certificates':
      return <CertificatesStep />
    case 'devices':
      return <DevicesStep />
    case 'server':
      return <ServerStep />
    case 'limits':
      return <LimitsStep />
    case 'verification':
      return <VerificationStep />
    case 'telemetry':
      return <TelemetryStep />
    case 'report':
      return <ReportStep />
    default:
      return step satisfies never
  }
}
