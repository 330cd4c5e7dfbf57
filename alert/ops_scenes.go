package alert

import (
	"sort"
	"time"
)

// SceneInfo describes one info type the engine works with.
type SceneInfo struct {
	InfoType int
	Name     string
	// Window is the scene's window length; 0 for a type raised only with
	// Fire (WithFireTypes).
	Window time.Duration
	Report bool // a report scene (WithReportScenes)
}

// SceneInfos lists the engine's scenes, report scenes and Fire types, by
// info type: the same set its configuration checks accept.
func (e *Engine) SceneInfos() []SceneInfo {
	byType := map[int]SceneInfo{}
	for t, name := range e.knownScenes() {
		byType[t] = SceneInfo{InfoType: t, Name: name}
	}
	for _, s := range e.reportScenes {
		byType[s.InfoType()] = SceneInfo{InfoType: s.InfoType(), Name: s.Name(), Window: s.Window(), Report: true}
	}
	for _, s := range e.scenes {
		byType[s.InfoType()] = SceneInfo{InfoType: s.InfoType(), Name: s.Name(), Window: s.Window()}
	}
	out := make([]SceneInfo, 0, len(byType))
	for _, s := range byType {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].InfoType < out[j].InfoType })
	return out
}

// Now is the engine's clock (WithClock), in UTC to the second, as the
// engine reads it for its own decisions.
func (e *Engine) Now() time.Time { return e.env.clock() }
