// Package httpsend holds what the HTTP senders of package channel share:
// posting a JSON body with a bounded read of the response, parsing
// Retry-After, and building scrubbed *channel.Error values.
package httpsend
