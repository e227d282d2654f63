/**
 * @peculiar/x509, loaded after the Reflect metadata API its tsyringe dependency needs. Main-process code imports x509
 * from here. Both are external packages, so bundlers keep this import order in the built output.
 */
import 'reflect-metadata'

export * from '@peculiar/x509'
