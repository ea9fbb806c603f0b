package fsutil

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncFileSystem flushes the file system that holds path (syncfs(2)).
func syncFileSystem(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	return true, unix.Syncfs(int(f.Fd()))
}
