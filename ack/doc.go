// Package ack lets an on-call engineer acknowledge a firing alert from a
// chat message. Chat robots (DingTalk, Feishu, WeCom) cannot receive button
// clicks, only open links, so the message carries a signed, expiring link;
// opening it shows a confirmation page, and its form records the
// acknowledgement through an Acknowledger (the alert engine).
//
// A Signer makes and checks links; NewHandler returns the http.Handler
// that serves them, which the host mounts under its own path and
// authentication:
//
//	signer, err := ack.NewSigner(key, "https://ops.example.com/alerts/ack", 4*time.Hour)
//	…
//	mux.Handle("/alerts/ack", ack.NewHandler(signer, engine,
//		ack.WithUser(currentUser), ack.WithDurations(time.Hour, 4*time.Hour)))
//	…
//	text += "\nAcknowledge: " + signer.Link(target, now)
//
// # The link
//
// A link is the base URL, then (after the base URL's own query, if any)
//
//	type=<InfoType>&country=<Country, query-escaped>&since=<FiringSince, Unix seconds>&exp=<expiry, Unix seconds>&sig=<signature>
//
// where the signature is the unpadded base64url encoding of
//
//	HMAC-SHA256(key, "yujing-ack/1\n" + type + "\n" + since + "\n" + exp + "\n" + country)
//
// over the parameters exactly as written in decimal (country unescaped).
// The numbers hold no newline and the country comes last, so the string
// has one reading whatever the country holds. Verify refuses, with
// ErrForged, a link whose signature is missing or does not match, whose
// signed parameters are missing, repeated, altered or not in that form, or
// that has a parameter other than these and the base URL's own (whose
// values are not signed and are ignored). Only then does it read the
// expiry: a link is valid before it, and ErrExpired after.
//
// A link is a bearer token: anyone who has it may acknowledge until it
// expires, which is why the handler can also take the host's user
// (WithUser), and why its pages are sent with "Cache-Control: no-store"
// and "Referrer-Policy: no-referrer" and never show the key or, outside
// the form's action, the signature. Replacing the key makes every link
// already sent forged.
//
// The link names an episode (FiringSince), not just a scene and country:
// an Acknowledger answers ErrStale when the alert resolved or fired again
// since, so a link from an old message never silences a new episode.
//
// # Statuses
//
//	200  GET or HEAD of a valid link: the confirmation page (records nothing)
//	200  POST of a valid link: recorded; the done page
//	400  POST: no name, a name too long or with control characters, a duration not offered, an unreadable form
//	403  the link is forged or altered, or a POST came from another site
//	405  a method other than GET, HEAD and POST (with an Allow header)
//	409  POST: the Acknowledger answered ErrAlreadyAcknowledged
//	410  the link expired, or (POST) the Acknowledger answered ErrStale
//	500  POST: the Acknowledger failed otherwise (logged; the page says nothing of why)
//
// Cross-site requests are refused by http.CrossOriginProtection: a POST
// whose Sec-Fetch-Site header is neither same-origin nor none, or, without
// that header, whose Origin's host is not the request's Host. A reverse
// proxy must therefore pass the original Host header on.
package ack
