package report_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/internal/testenv"
	"github.com/relais-tm/relais/pkg/report"
)

// browser is a headless Chromium driven over the DevTools protocol: a
// websocket to one page target, written here on the standard library.
type browser struct {
	conn   net.Conn
	r      *bufio.Reader
	id     int
	events []cdpEvent
}

type cdpEvent struct {
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
}

// reportPage writes the HTML report of b as report.html in a temporary
// folder, for the browser to open, and returns its path and its bytes.
func reportPage(t *testing.T, b *report.Batch) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, report.WriteHTML(&buf, b))
	return writePage(t, buf.Bytes()), buf.Bytes()
}

// writePage writes html as report.html in a temporary folder and returns
// its path.
func writePage(t *testing.T, html []byte) string {
	t.Helper()
	page := filepath.Join(t.TempDir(), "report.html")
	require.NoError(t, os.WriteFile(page, html, 0o644))
	return page
}

// startBrowser starts Chromium on about:blank and connects to its page.
// It skips the test (fails it when CI=true) when Chromium is missing.
func startBrowser(t *testing.T) *browser {
	t.Helper()
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		testenv.RequireTool(t, "chromium", "install the Debian package chromium (bash .ci/chromium.sh)")
	}
	profile, err := os.MkdirTemp("", "relais-chromium-")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
		"--user-data-dir="+profile, "--remote-debugging-port=0", "--window-size=1280,1000", "about:blank")
	stderr, err := cmd.StdoutPipe()
	require.NoError(t, err)
	cmd.Stderr = cmd.Stdout
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
		// Chromium's helper processes may still write the profile for a
		// moment after the browser is gone.
		for range 20 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})

	ws := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		re := regexp.MustCompile(`DevTools listening on (ws://\S+)`)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				ws <- m[1]
			}
		}
	}()
	var browserURL string
	select {
	case browserURL = <-ws:
	case <-time.After(30 * time.Second):
		t.Fatal("chromium did not start its DevTools server within 30 s")
	}
	u, err := url.Parse(browserURL)
	require.NoError(t, err)
	var pageWS string
	for range 50 {
		resp, err := http.Get("http://" + u.Host + "/json/list")
		if err == nil {
			var targets []struct{ Type, WebSocketDebuggerURL string }
			err = json.NewDecoder(resp.Body).Decode(&targets)
			resp.Body.Close()
			for _, tg := range targets {
				if tg.Type == "page" {
					pageWS = tg.WebSocketDebuggerURL
				}
			}
		}
		if pageWS != "" {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	require.NotEmpty(t, pageWS, "no page target")
	b := dial(t, pageWS)
	t.Cleanup(func() { b.conn.Close() })
	for _, m := range []string{"Runtime.enable", "Log.enable", "Page.enable"} {
		b.call(t, m, nil)
	}
	return b
}

func dial(t *testing.T, wsURL string) *browser {
	t.Helper()
	u, err := url.Parse(wsURL)
	require.NoError(t, err)
	conn, err := net.DialTimeout("tcp", u.Host, 10*time.Second)
	require.NoError(t, err)
	key := make([]byte, 16)
	_, _ = rand.Read(key)
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n",
		u.RequestURI(), u.Host, base64.StdEncoding.EncodeToString(key))
	r := bufio.NewReaderSize(conn, 1<<20)
	status, err := r.ReadString('\n')
	require.NoError(t, err)
	require.Contains(t, status, " 101 ", "websocket handshake")
	for {
		line, err := r.ReadString('\n')
		require.NoError(t, err)
		if line == "\r\n" {
			break
		}
	}
	return &browser{conn: conn, r: r}
}

// send writes one masked text frame.
func (b *browser) send(msg []byte) error {
	hdr := []byte{0x81}
	switch n := len(msg); {
	case n < 126:
		hdr = append(hdr, 0x80|byte(n))
	case n < 1<<16:
		hdr = append(hdr, 0x80|126, byte(n>>8), byte(n))
	default:
		hdr = append(hdr, 0x80|127)
		hdr = binary.BigEndian.AppendUint64(hdr, uint64(n))
	}
	mask := make([]byte, 4)
	_, _ = rand.Read(mask)
	hdr = append(hdr, mask...)
	body := make([]byte, len(msg))
	for i, c := range msg {
		body[i] = c ^ mask[i%4]
	}
	_, err := b.conn.Write(append(hdr, body...))
	return err
}

// read returns the next message, joining fragments.
func (b *browser) read() ([]byte, error) {
	var msg []byte
	for {
		var h [2]byte
		if _, err := io.ReadFull(b.r, h[:]); err != nil {
			return nil, err
		}
		n := uint64(h[1] & 0x7f)
		switch n {
		case 126:
			var e [2]byte
			if _, err := io.ReadFull(b.r, e[:]); err != nil {
				return nil, err
			}
			n = uint64(binary.BigEndian.Uint16(e[:]))
		case 127:
			var e [8]byte
			if _, err := io.ReadFull(b.r, e[:]); err != nil {
				return nil, err
			}
			n = binary.BigEndian.Uint64(e[:])
		}
		part := make([]byte, n)
		if _, err := io.ReadFull(b.r, part); err != nil {
			return nil, err
		}
		op := h[0] & 0x0f
		if op == 8 {
			return nil, io.EOF
		}
		if op == 9 || op == 10 { // ping, pong: ignored
			continue
		}
		msg = append(msg, part...)
		if h[0]&0x80 != 0 {
			return msg, nil
		}
	}
}

// call sends a command and waits for its result, keeping the events that
// come meanwhile.
func (b *browser) call(t *testing.T, method string, params any) json.RawMessage {
	t.Helper()
	b.id++
	msg, err := json.Marshal(map[string]any{"id": b.id, "method": method, "params": params})
	require.NoError(t, err)
	require.NoError(t, b.conn.SetDeadline(time.Now().Add(60*time.Second)))
	require.NoError(t, b.send(msg))
	for {
		data, err := b.read()
		require.NoError(t, err, method)
		var m struct {
			ID     int             `json:"id"`
			Result json.RawMessage `json:"result"`
			Error  *struct{ Message string }
			cdpEvent
		}
		require.NoError(t, json.Unmarshal(data, &m))
		if m.ID == b.id {
			require.Nil(t, m.Error, "%s: %v", method, m.Error)
			return m.Result
		}
		if m.Method != "" {
			b.events = append(b.events, m.cdpEvent)
		}
	}
}

// waitEvent reads until an event named method arrives.
func (b *browser) waitEvent(t *testing.T, method string) {
	t.Helper()
	for _, e := range b.events {
		if e.Method == method {
			return
		}
	}
	require.NoError(t, b.conn.SetDeadline(time.Now().Add(60*time.Second)))
	for {
		data, err := b.read()
		require.NoError(t, err, "waiting for %s", method)
		var e cdpEvent
		require.NoError(t, json.Unmarshal(data, &e))
		if e.Method != "" {
			b.events = append(b.events, e)
		}
		if e.Method == method {
			return
		}
	}
}

// open loads a file and waits for its load event.
func (b *browser) open(t *testing.T, path string) {
	t.Helper()
	abs, err := filepath.Abs(path)
	require.NoError(t, err)
	b.events = nil
	b.call(t, "Page.navigate", map[string]any{"url": "file://" + abs})
	b.waitEvent(t, "Page.loadEventFired")
}

// eval evaluates a JavaScript expression in the page and decodes its JSON
// value into v.
func (b *browser) eval(t *testing.T, expr string, v any) {
	t.Helper()
	res := b.call(t, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true})
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails json.RawMessage `json:"exceptionDetails"`
	}
	require.NoError(t, json.Unmarshal(res, &r))
	require.Empty(t, r.ExceptionDetails, "evaluating %s", expr)
	require.NoError(t, json.Unmarshal(r.Result.Value, v))
}

// problems returns the console errors and warnings, uncaught exceptions,
// log errors (a Content-Security-Policy violation is one) and dialogs
// (alert) seen since the page was opened.
func (b *browser) problems() []string {
	var out []string
	for _, e := range b.events {
		switch e.Method {
		case "Runtime.exceptionThrown", "Page.javascriptDialogOpening":
			out = append(out, e.Method+": "+string(e.Params))
		case "Runtime.consoleAPICalled":
			var p struct{ Type string }
			_ = json.Unmarshal(e.Params, &p)
			if p.Type == "error" || p.Type == "warning" || p.Type == "assert" {
				out = append(out, e.Method+": "+string(e.Params))
			}
		case "Log.entryAdded":
			var p struct{ Entry struct{ Level, Text string } }
			_ = json.Unmarshal(e.Params, &p)
			if p.Entry.Level == "error" || p.Entry.Level == "warning" {
				out = append(out, "log "+p.Entry.Level+": "+p.Entry.Text)
			}
		}
	}
	return out
}

// screenshot saves a PNG of the page in the test's artifact folder (kept
// with go test -artifacts) and returns its path.
func (b *browser) screenshot(t *testing.T, name string) string {
	t.Helper()
	res := b.call(t, "Page.captureScreenshot", map[string]any{"format": "png"})
	var r struct{ Data string }
	require.NoError(t, json.Unmarshal(res, &r))
	png, err := base64.StdEncoding.DecodeString(r.Data)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(png), "\x89PNG"), "a PNG image")
	path := filepath.Join(t.ArtifactDir(), name)
	require.NoError(t, os.WriteFile(path, png, 0o644))
	return path
}

// Key modifiers of Input.dispatchKeyEvent.
const (
	modAlt  = 1
	modCtrl = 2
)

// press sends a key press (down and up) to the focused element: key is
// the DOM key ("ArrowDown", "Enter", "n"), code the physical key
// ("ArrowDown", "KeyN"), vk its Windows virtual key code.
func (b *browser) press(t *testing.T, key, code string, vk, modifiers int) {
	t.Helper()
	for _, typ := range []string{"rawKeyDown", "keyUp"} {
		b.call(t, "Input.dispatchKeyEvent", map[string]any{"type": typ, "key": key, "code": code,
			"windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk, "modifiers": modifiers})
	}
}

// typeText types s where the focus is, as an input method would.
func (b *browser) typeText(t *testing.T, s string) {
	t.Helper()
	b.call(t, "Input.insertText", map[string]any{"text": s})
}

// click clicks with the mouse in the middle of the first element that
// the CSS selector sel finds, scrolled into view first.
func (b *browser) click(t *testing.T, sel string) {
	t.Helper()
	var at struct{ X, Y float64 }
	// The scroll is painted before the mouse comes: the browser finds
	// what is under the mouse where the screen shows it.
	b.eval(t, `new Promise(done => { const e = document.querySelector(`+jsString(sel)+`); e.scrollIntoView({block: "center"});
		requestAnimationFrame(() => requestAnimationFrame(() => { const r = e.getBoundingClientRect();
			done({x: r.left + Math.min(r.width / 2, 40), y: r.top + r.height / 2}); })); })`, &at)
	for _, typ := range []string{"mouseMoved", "mousePressed", "mouseReleased"} {
		b.call(t, "Input.dispatchMouseEvent", map[string]any{"type": typ, "x": at.X, "y": at.Y, "button": "left", "clickCount": 1})
	}
}

// reload reloads the page and waits for its load event.
func (b *browser) reload(t *testing.T) {
	t.Helper()
	b.waitStored(t)
	b.events = nil
	b.call(t, "Page.reload", map[string]any{})
	b.waitEvent(t, "Page.loadEventFired")
}

// waitStored waits until the browser holds the page's local storage as
// the page reads it. Chromium commits a page's writes to the
// browser process in batches, after a delay: a reload before the commit
// can find the storage as it was (TestReviewPageEditing once found none).
func (b *browser) waitStored(t *testing.T) {
	t.Helper()
	var page map[string]string
	b.eval(t, `(() => { try { return Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)])); } catch (e) { return {}; } })()`, &page)
	if len(page) == 0 {
		return
	}
	var origin string // a file page's is "null" to the page, "file://" to the browser
	b.eval(t, `location.protocol === "file:" ? "file://" : location.origin`, &origin)
	b.call(t, "DOMStorage.enable", map[string]any{})
	for range 200 {
		var got struct{ Entries [][]string }
		raw := b.call(t, "DOMStorage.getDOMStorageItems", map[string]any{"storageId": map[string]any{"securityOrigin": origin, "isLocalStorage": true}})
		require.NoError(t, json.Unmarshal(raw, &got))
		held := map[string]string{}
		for _, e := range got.Entries {
			if len(e) == 2 {
				held[e[0]] = e[1]
			}
		}
		same := len(held) == len(page)
		for k, v := range page {
			same = same && held[k] == v
		}
		if same {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the browser never held the page's local storage")
}

// downloadTo has the page's downloads saved in dir.
func (b *browser) downloadTo(t *testing.T, dir string) {
	t.Helper()
	b.call(t, "Page.setDownloadBehavior", map[string]any{"behavior": "allow", "downloadPath": dir})
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// drag drags with the mouse the first element sel finds to the point
// (x, y), as a person does: the browser starts a drag, which is then
// dropped there.
func (b *browser) drag(t *testing.T, sel string, x, y float64) {
	t.Helper()
	var from struct{ X, Y float64 }
	b.eval(t, `(() => { const r = document.querySelector(`+jsString(sel)+`).getBoundingClientRect();
		return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()`, &from)
	b.call(t, "Input.setInterceptDrags", map[string]any{"enabled": true})
	defer b.call(t, "Input.setInterceptDrags", map[string]any{"enabled": false})
	since := len(b.events) // the events seen so far stay, for problems
	b.call(t, "Input.dispatchMouseEvent", map[string]any{"type": "mouseMoved", "x": from.X, "y": from.Y})
	b.call(t, "Input.dispatchMouseEvent", map[string]any{"type": "mousePressed", "x": from.X, "y": from.Y, "button": "left", "buttons": 1, "clickCount": 1})
	for i := 1; i <= 5; i++ {
		px, py := from.X+(x-from.X)*float64(i)/5, from.Y+(y-from.Y)*float64(i)/5
		b.call(t, "Input.dispatchMouseEvent", map[string]any{"type": "mouseMoved", "x": px, "y": py, "button": "left", "buttons": 1})
	}
	var data json.RawMessage
	require.NoError(t, b.conn.SetDeadline(time.Now().Add(60*time.Second)))
	for data == nil {
		for _, e := range b.events[since:] {
			if e.Method == "Input.dragIntercepted" {
				var p struct{ Data json.RawMessage }
				require.NoError(t, json.Unmarshal(e.Params, &p))
				data = p.Data
			}
		}
		if data != nil {
			break
		}
		msg, err := b.read()
		require.NoError(t, err, "waiting for the drag to start")
		var e cdpEvent
		require.NoError(t, json.Unmarshal(msg, &e))
		if e.Method != "" {
			b.events = append(b.events, e)
		}
	}
	for _, typ := range []string{"dragEnter", "dragOver", "drop"} {
		b.call(t, "Input.dispatchDragEvent", map[string]any{"type": typ, "x": x, "y": y, "data": data})
	}
	b.call(t, "Input.dispatchMouseEvent", map[string]any{"type": "mouseReleased", "x": x, "y": y, "button": "left", "clickCount": 1})
}
