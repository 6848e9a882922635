package diagram

import "fmt"

// A layout case: a small graph and what must hold of its layout beyond
// the general properties checkLayout enforces.
type layoutCase struct {
	name string
	g    Graph
	// acyclic graphs must have every edge pointing down the rank axis
	acyclic bool
	// reversed is how many edges cycle breaking must turn around (when
	// acyclic is false)
	reversed int
}

func chainGraph(ids ...string) Graph {
	var g Graph
	for _, id := range ids {
		g.Nodes = append(g.Nodes, Node{ID: id})
	}
	for i := 1; i < len(ids); i++ {
		g.Edges = append(g.Edges, Edge{From: ids[i-1], To: ids[i]})
	}
	return g
}

func layoutCases() []layoutCase {
	long := chainGraph("a", "b", "c", "d")
	long.Edges = append(long.Edges, Edge{From: "a", To: "d", Label: "skip"})

	nested := Graph{
		Title: "Nested boundaries",
		Clusters: []Cluster{
			{ID: "outer", Label: "Outer"},
			{ID: "mid", Label: "Middle", Parent: "outer"},
			{ID: "inner", Label: "Inner", Parent: "mid"},
			{ID: "side", Label: "Side", Parent: "outer"},
			{ID: "empty", Label: "Empty", Parent: "outer"},
		},
		Nodes: []Node{
			{ID: "user", Shape: Box},
			{ID: "web", Shape: Ellipse, Cluster: "outer"},
			{ID: "api", Shape: Ellipse, Cluster: "mid"},
			{ID: "db", Shape: Cylinder, Cluster: "inner"},
			{ID: "keys", Shape: Store, Cluster: "inner"},
			{ID: "log", Shape: Store, Cluster: "side"},
		},
		Edges: []Edge{
			{From: "user", To: "web", Label: "HTTPS"},
			{From: "web", To: "api", Label: "RPC"},
			{From: "api", To: "db", Label: "SQL"},
			{From: "api", To: "keys", Label: "read"},
			{From: "web", To: "log", Label: "append"},
			{From: "api", To: "log"},
		},
	}

	crossing := Graph{
		Clusters: []Cluster{{ID: "A"}, {ID: "B"}, {ID: "C", Parent: "B"}},
		Nodes: []Node{
			{ID: "a1", Cluster: "A"}, {ID: "a2", Cluster: "A"}, {ID: "a3", Cluster: "A"},
			{ID: "b1", Cluster: "B"}, {ID: "b2", Cluster: "B"}, {ID: "c1", Cluster: "C"},
			{ID: "x"}, {ID: "y"},
		},
		Edges: []Edge{
			{From: "x", To: "a1"}, {From: "x", To: "b1"}, {From: "a1", To: "b2"},
			{From: "b1", To: "a2"}, {From: "a2", To: "c1"}, {From: "c1", To: "a3"},
			{From: "b2", To: "y"}, {From: "a3", To: "y"}, {From: "x", To: "c1", Label: "long\nway"},
		},
	}

	specials := Graph{
		Title:    `Tom & Jerry's <"diagram">`,
		Clusters: []Cluster{{ID: `b<1>`, Label: `"quoted" & <b>`}},
		Nodes: []Node{
			{ID: `<&>"'`, Label: "a <b> & \"c\" 'd'\nsecond\\nline \\N", Cluster: `b<1>`},
			{ID: "ctl", Label: "nul\x00 bell\x07 bad\xff utf8 \u00e9\u4e2d\U0001F512"},
		},
		Edges: []Edge{{From: `<&>"'`, To: "ctl", Label: "]]> <!-- -->", Arrows: Both}},
	}

	loops := Graph{
		Nodes: []Node{{ID: "a"}, {ID: "b"}},
		Edges: []Edge{
			{From: "a", To: "a", Label: "retry"},
			{From: "a", To: "a", Label: "again"},
			{From: "a", To: "b"},
			{From: "b", To: "b"},
		},
	}

	multi := Graph{
		Nodes: []Node{{ID: "a"}, {ID: "b"}},
		Edges: []Edge{
			{From: "a", To: "b", Label: "one"},
			{From: "a", To: "b", Label: "two"},
			{From: "b", To: "a", Label: "back"},
			{From: "a", To: "b", Arrows: NoArrow, Style: Style{Dashed: true}},
		},
	}

	shapes := Graph{Clusters: []Cluster{{ID: "all", Label: "every shape, with a long cluster label"}}}
	for s := Box; s <= Note; s++ {
		g := Node{ID: s.String(), Label: s.String() + "\nshape", Shape: s, Cluster: "all"}
		shapes.Nodes = append(shapes.Nodes, g)
		if s > Box {
			shapes.Edges = append(shapes.Edges, Edge{From: (s - 1).String(), To: s.String()})
		}
	}

	wide := Graph{}
	for i := range 6 {
		wide.Nodes = append(wide.Nodes, Node{ID: fmt.Sprintf("n%d", i)})
	}
	wide.Clusters = []Cluster{{ID: "only", Label: "A cluster label far wider than the single small node it holds"}}
	wide.Nodes = append(wide.Nodes, Node{ID: "lonely", Cluster: "only"})

	deep := Graph{Nodes: []Node{{ID: "core", Cluster: "c5"}, {ID: "out"}}, Edges: []Edge{{From: "out", To: "core"}, {From: "core", To: "out"}}}
	for i := 1; i <= 5; i++ {
		c := Cluster{ID: fmt.Sprintf("c%d", i)}
		if i > 1 {
			c.Parent = fmt.Sprintf("c%d", i-1)
		}
		deep.Clusters = append(deep.Clusters, c)
	}

	return []layoutCase{
		{name: "empty", g: Graph{}, acyclic: true},
		{name: "empty-titled", g: Graph{Title: "Nothing yet", Clusters: []Cluster{{ID: "unused"}}}, acyclic: true},
		{name: "single", g: Graph{Nodes: []Node{{ID: "only", Label: "The only node"}}}, acyclic: true},
		{name: "chain", g: chainGraph("a", "b", "c", "d"), acyclic: true},
		{name: "diamond", g: Graph{
			Nodes: []Node{{ID: "top"}, {ID: "left"}, {ID: "right"}, {ID: "bottom"}},
			Edges: []Edge{{From: "top", To: "left"}, {From: "top", To: "right"}, {From: "left", To: "bottom"}, {From: "right", To: "bottom"}},
		}, acyclic: true},
		{name: "cycle", g: func() Graph {
			g := chainGraph("a", "b", "c")
			g.Edges = append(g.Edges, Edge{From: "c", To: "a", Label: "back"})
			return g
		}(), reversed: 1},
		{name: "long-edge", g: long, acyclic: true},
		{name: "nested-clusters", g: nested, acyclic: true},
		{name: "crossing-clusters", g: crossing, acyclic: true},
		{name: "special-labels", g: specials, acyclic: true},
		{name: "self-loops", g: loops, acyclic: true},
		{name: "multi-edges", g: multi, reversed: 1},
		{name: "shapes", g: shapes, acyclic: true},
		{name: "disconnected", g: wide, acyclic: true},
		{name: "deep-clusters", g: deep, reversed: 1},
		{name: "dfd", g: *sensorDFD(), reversed: 1},
	}
}

// sensorDFD is the data flow diagram of a LoRa sensor node, as the threat
// model renderer draws it.
func sensorDFD() *Graph {
	red := Style{Stroke: "#c0392b", Text: "#c0392b", Bold: true}
	open := Style{Fill: "#fdecea"}
	return &Graph{
		Title:     "Data flow diagram",
		Direction: LeftToRight,
		Clusters: []Cluster{
			{ID: "device", Label: "Sensor node"},
			{ID: "secure", Label: "Secure partition", Parent: "device"},
		},
		Nodes: []Node{
			{ID: "gateway", Label: "LoRa gateway\n3 open threats", Shape: Box, Style: open},
			{ID: "event-log", Label: "Event log\n(logs)\n1 open threat", Shape: Cylinder, Cluster: "device", Style: open},
			{ID: "ota-agent", Label: "OTA agent\n5 open threats", Shape: Ellipse, Cluster: "device", Style: open},
			{ID: "radio", Label: "Radio stack <LoRa>\n4 open threats", Shape: Ellipse, Cluster: "device", Style: open},
			{ID: "sensor-task", Label: "Sensor task", Shape: Ellipse, Cluster: "device"},
			{ID: "slot1", Label: "Update slot", Shape: Cylinder, Cluster: "device"},
			{ID: "crypto", Label: "Crypto service\n5 open threats", Shape: Ellipse, Cluster: "secure", Style: open},
			{ID: "key-store", Label: "Key store", Shape: Store, Cluster: "secure"},
			{ID: "ext", Label: "Context element", Shape: Box, Style: Style{Stroke: "#7f8c8d", Text: "#7f8c8d", Dashed: true}},
		},
		Edges: []Edge{
			{From: "gateway", To: "radio", Label: "Downlink commands\nLoRaWAN\nunprotected", Style: red},
			{From: "gateway", To: "ota-agent", Label: "Image chunks\nLoRaWAN FUOTA\nint", Style: red},
			{From: "key-store", To: "crypto", Label: "key-load\nunprotected"},
			{From: "radio", To: "event-log", Label: "log-write\nunprotected"},
			{From: "sensor-task", To: "radio", Label: "Samples\nIPC\nunprotected"},
			{From: "radio", To: "crypto", Label: "Sign request\nPSA call\nunprotected", Style: red},
			{From: "ota-agent", To: "slot1", Label: "slot-write\nunprotected"},
			{From: "radio", To: "gateway", Label: "Readings uplink\nLoRaWAN\nauth+enc+int", Style: Style{Bold: true}},
			{From: "ext", To: "gateway", Label: "config", Arrows: Both, Style: Style{Dashed: true, Class: "context"}},
		},
	}
}
