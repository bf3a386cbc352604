package plot

import (
	"strings"
	"testing"
)

// TestHimmelblauBasins: the levels chosen for Himmelblau's function on
// [-5, 5]² put each of its four minima in a region of the lowest band of
// its own, and between any two of them lie several contour lines.
func TestHimmelblauBasins(t *testing.T) {
	const n = 200
	f := evalField(himmelblau, n, n, -5, 5, -5, 5)
	lv := levels(f.z, fileContourLevels)
	if !strings.Contains(levelsText(lv), "log scale") {
		t.Errorf("levels %v are not on a log scale", lv)
	}
	// Label the connected regions of the lowest band.
	region := make([]int, n*n)
	regions := 0
	for start := range region {
		if region[start] != 0 || band(lv, f.z[start]) != 0 {
			continue
		}
		regions++
		stack := []int{start}
		region[start] = regions
		for len(stack) > 0 {
			k := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			i, j := k%n, k/n
			for _, d := range [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
				a, b := i+d[0], j+d[1]
				if a < 0 || b < 0 || a >= n || b >= n {
					continue
				}
				if m := b*n + a; region[m] == 0 && band(lv, f.z[m]) == 0 {
					region[m] = regions
					stack = append(stack, m)
				}
			}
		}
	}
	seen := map[int]bool{}
	for _, m := range [][2]float64{{2, 3}, {3.131, -2.805}, {-3.283, -3.779}, {-1.848, 3.584}} {
		i, j := int((m[0]+5)/10*(n-1)+0.5), int((m[1]+5)/10*(n-1)+0.5)
		r := region[j*n+i]
		if r == 0 || seen[r] {
			t.Errorf("the minimum at %v is in region %d of the lowest band (levels %v)", m, r, lv)
		}
		seen[r] = true
	}
	// From the minimum at (2, 3) to the one at (-1.85, 3.58) the path
	// crosses a ridge: at least three lines.
	crossings, prev := 0, -1
	for s := 0; s <= 100; s++ {
		x, y := 2+(-1.848-2)*float64(s)/100, 3+(3.584-3)*float64(s)/100
		v, _ := himmelblau(x, y)
		if b := band(lv, v); prev >= 0 && b != prev {
			crossings += max(b-prev, prev-b)
		}
		prev = band(lv, v)
	}
	if crossings < 6 {
		t.Errorf("%d contour lines between two minima, want at least 6 (3 up, 3 down)", crossings)
	}
}

func TestLevelsEvenlySpaced(t *testing.T) {
	saddle := func(x, y float64) (float64, error) { return x * y, nil }
	lv := levels(evalField(saddle, 100, 100, -5, 5, -5, 5).z, 10)
	if !strings.Contains(levelsText(lv), "evenly spaced") {
		t.Errorf("x·y: levels %v not evenly spaced", lv)
	}
}
