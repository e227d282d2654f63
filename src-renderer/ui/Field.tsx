import type { ReactNode } from 'react'

/** A labelled form field with its error shown right at the field (ID-4: errors at the field, never silent). */
export function Field(props: { id: string; label: string; error?: string | undefined; hint?: string | undefined; children: ReactNode }) {
  return (
    <div className={`field ${props.error ? 'field-invalid' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.error ? (
        <p className="field-error" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      ) : props.hint ? (
        <p className="field-hint">{props.hint}</p>
      ) : null}
    </div>
  )
}
