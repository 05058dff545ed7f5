package report

import (
	"io"
	"mime"
	"net/http"
	"time"
)

// downloadTime bounds one download; a report of 100,000 people takes seconds,
// well past the server's usual write timeout.
const downloadTime = 15 * time.Minute

// Send streams a report to w as the attachment file: headers and status
// first, then rows as write produces them, nothing built in memory. An error
// comes after the status is sent; the caller then cuts the connection, so
// the client sees a broken download rather than a short file that looks whole.
func Send(w http.ResponseWriter, format Format, file string, write func(io.Writer) error) error {
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(downloadTime))
	w.Header().Set("Content-Type", format.ContentType())
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": file}))
	w.WriteHeader(http.StatusOK)
	return write(w)
}
