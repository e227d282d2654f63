import type { ReactNode } from 'react'

/** An in-page confirmation (issue 17 item 5): the question, what happens, and the two answers. */
export function ConfirmPanel(props: { testId: string; title: string; children: ReactNode; confirm: string; cancel: string; danger?: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div className="card confirm" role="alertdialog" aria-label={props.title} data-testid={props.testId}>
      <h3>{props.title}</h3>
      {props.children}
      <div className="actions">
        <button type="button" className={props.danger ? 'danger' : 'primary'} onClick={props.onConfirm}>
          {props.confirm}
        </button>
        <button type="button" onClick={props.onCancel}>
          {props.cancel}
        </button>
      </div>
    </div>
  )
}
