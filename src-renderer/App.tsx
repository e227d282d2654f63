import { useEffect } from 'react'
import { useStore } from './store'
import { Banner } from './shell/Banner'
import { StepList } from './shell/StepList'
import { SitePicker } from './shell/SitePicker'
import { StepView } from './shell/StepView'

export function App() {
  const loadInfo = useStore((s) => s.loadInfo)
  const loadSites = useStore((s) => s.loadSites)
  const restorePlace = useStore((s) => s.restorePlace)
  const info = useStore((s) => s.info)

  useEffect(() => {
    void loadInfo()
    void loadSites().then(restorePlace)
  }, [loadInfo, loadSites, restorePlace])

  return (
    <div className="app">
      <aside className="sidebar">
        <h1 className="brand">SEP2 Commissioner</h1>
        <SitePicker />
        <StepList />
        {info && (
          <p className="host-note">
            {info.host === 'electron' ? 'Desktop app' : 'Browser (web host)'} · v{info.version}
            {info.demo ? ' · demo mode' : ''}
          </p>
        )}
      </aside>
      <main className="content">
        <Banner />
        <StepView />
      </main>
    </div>
  )
}
