package web

import (
	"bytes"
	"context"
	"image"
	"image/draw"
	_ "image/gif" // registers GIF with image.Decode
	_ "image/jpeg"
	"image/png"
	"io"
	"path"
	"runtime"
	"strings"
)

// Avatar limits: the upload's bytes, then its dimensions as its header
// declares them, read before decoding so a small file that unpacks to a
// gigantic picture (a decompression bomb) is refused without allocating it.
const (
	maxAvatarBytes  = 1_000_000
	maxAvatarSide   = 4096
	maxAvatarPixels = 4_000_000 // about 16 MB decoded: enough for a photo, not a memory bomb
	avatarSize      = 512
)

// avatarError names what is wrong with an upload; its key is a translation.
type avatarError struct{ key string }

func (e *avatarError) Error() string { return e.key }

// avatarSlots bounds how many pictures are decoded at once: each may take up
// to 64 MB while it is scaled.
var avatarSlots = make(chan struct{}, runtime.GOMAXPROCS(0))

// formats maps what a browser may declare (extension, part type) to the
// format name the image package detects.
var formats = map[string]string{".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif",
	"image/png": "png", "image/x-png": "png", "image/jpeg": "jpeg", "image/pjpeg": "jpeg", "image/gif": "gif"}

// normalizeAvatar reads an upload named filename with declared content type
// ctype and returns it re-encoded as PNG, at most avatarSize on a side. The
// declared and actual formats must agree: a GIF named .png is refused.
func normalizeAvatar(ctx context.Context, r io.Reader, filename, ctype string) ([]byte, error) {
	declared := formats[strings.ToLower(path.Ext(filename))]
	if declared == "" {
		return nil, &avatarError{"err_avatar_type"}
	}
	ctype = strings.ToLower(strings.TrimSpace(strings.Split(ctype, ";")[0]))
	if byType, ok := formats[ctype]; ok && byType != declared || !ok && ctype != "" && ctype != "application/octet-stream" {
		return nil, &avatarError{"err_avatar_mismatch"}
	}
	data, err := io.ReadAll(io.LimitReader(r, maxAvatarBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxAvatarBytes {
		return nil, &avatarError{"err_avatar_too_large"}
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, &avatarError{"err_avatar_not_image"}
	}
	if format != declared {
		return nil, &avatarError{"err_avatar_mismatch"}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > maxAvatarSide || cfg.Height > maxAvatarSide ||
		cfg.Width*cfg.Height > maxAvatarPixels {
		return nil, &avatarError{"err_avatar_dimensions"}
	}
	select {
	case avatarSlots <- struct{}{}:
		defer func() { <-avatarSlots }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, &avatarError{"err_avatar_not_image"}
	}
	var out bytes.Buffer
	if err := png.Encode(&out, shrink(img, avatarSize)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// shrink scales img down (never up) so neither side passes limit, averaging
// each destination pixel's box of source pixels in premultiplied RGBA.
func shrink(img image.Image, limit int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	src := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(src, src.Bounds(), img, b.Min, draw.Src)
	if w <= limit && h <= limit {
		return src
	}
	dw, dh := limit, h*limit/w
	if h > w {
		dw, dh = w*limit/h, limit
	}
	dw, dh = max(dw, 1), max(dh, 1)
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < dh; y++ {
		y0, y1 := y*h/dh, max((y+1)*h/dh, y*h/dh+1)
		for x := 0; x < dw; x++ {
			x0, x1 := x*w/dw, max((x+1)*w/dw, x*w/dw+1)
			var sum [4]int
			for sy := y0; sy < y1; sy++ {
				row := src.Pix[sy*src.Stride+x0*4 : sy*src.Stride+x1*4]
				for i := 0; i < len(row); i += 4 {
					sum[0] += int(row[i])
					sum[1] += int(row[i+1])
					sum[2] += int(row[i+2])
					sum[3] += int(row[i+3])
				}
			}
			n := (y1 - y0) * (x1 - x0)
			o := y*dst.Stride + x*4
			for i := range 4 {
				dst.Pix[o+i] = uint8(sum[i] / n)
			}
		}
	}
	return dst
}
