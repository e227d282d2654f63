import type { PickedFile } from '../../store/certificates-slice'

/** Read files from the browser's picker as base64; the main process does all parsing. */
export async function readPickedFiles(list: FileList): Promise<PickedFile[]> {
  return Promise.all(Array.from(list).map(async (file) => ({ name: file.name, dataBase64: toBase64(new Uint8Array(await file.arrayBuffer())) })))
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  return btoa(binary)
}

/** Offer text as a download (browser host; Electron saves through its own dialog). */
export function downloadText(fileName: string, text: string, type = 'application/pkcs10'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
