// Package httpsend holds what the HTTP senders of package channel share:
// posting a JSON body with a bounded read of the response, parsing
// Retry-After, and building scrubbed *channel.Error values. Package email
// also tells a certificate that does not verify with IsCertificate.
package httpsend
