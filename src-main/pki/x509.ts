/** @peculiar/x509, loaded after the Reflect metadata polyfill it needs. Main-process code imports x509 from here. */
import './reflect-metadata-polyfill'

export * from '@peculiar/x509'
