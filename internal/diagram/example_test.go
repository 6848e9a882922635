package diagram_test

import (
	"fmt"
	"os"

	"github.com/assure-dev/assure/internal/diagram"
)

// A two-element data flow diagram: a gateway outside the device's trust
// boundary sends commands to the radio stack inside it.
func example() *diagram.Graph {
	return &diagram.Graph{
		Title:     "Sensor node",
		Direction: diagram.LeftToRight,
		Clusters:  []diagram.Cluster{{ID: "device", Label: "Device"}},
		Nodes: []diagram.Node{
			{ID: "gw", Label: "LoRa gateway", Shape: diagram.Box},
			{ID: "radio", Label: "Radio stack", Shape: diagram.Ellipse, Cluster: "device"},
			{ID: "log", Label: "Event log", Shape: diagram.Cylinder, Cluster: "device"},
		},
		Edges: []diagram.Edge{
			{From: "gw", To: "radio", Label: "Downlink\nunprotected", Style: diagram.Style{Stroke: "#c0392b"}},
			{From: "radio", To: "log", Label: "log-write"},
		},
	}
}

func ExampleGraph_Layout() {
	l, err := example().Layout()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("canvas %dx%d\n", l.Width, l.Height)
	for _, c := range l.Clusters {
		fmt.Printf("cluster %-6s %+v\n", c.ID, c.Box)
	}
	for _, n := range l.Nodes {
		fmt.Printf("node    %-6s %+v\n", n.ID, n.Box)
	}
	for _, e := range l.Edges {
		fmt.Printf("edge    %s -> %s from %v to %v, label at %+v\n", e.From, e.To, e.Curve[0], e.Curve[len(e.Curve)-1], e.LabelBox)
	}
	// Output:
	// canvas 640x143
	// cluster device {X:270 Y:40 W:358 H:91}
	// node    gw     {X:12 Y:78 W:114 H:34}
	// node    log    {X:534 Y:69 W:84 H:52}
	// node    radio  {X:280 Y:80 W:118 H:30}
	// edge    gw -> radio from {126 95} to {280 95}, label at {X:170 Y:78 W:66 H:34}
	// edge    radio -> log from {398 95} to {534 95}, label at {X:442 Y:85 W:48 H:20}
}

func ExampleGraph_DOT() {
	dot, err := example().DOT()
	if err != nil {
		fmt.Println(err)
		return
	}
	os.Stdout.Write(dot)
	// Output:
	// digraph "diagram" {
	//   graph [rankdir=LR, fontname="Helvetica", fontsize=16, nodesep=0.4, ranksep=0.6, labelloc=t, label="Sensor node"];
	//   node [fontname="Helvetica", fontsize=14];
	//   edge [fontname="Helvetica", fontsize=11];
	//   "gw" [label="LoRa gateway", shape=box];
	//   subgraph "cluster_device" {
	//     label="Device"; labeljust=l; style="dashed"; color="#c0392b"; fontcolor="#c0392b";
	//     "log" [label="Event log", shape=cylinder];
	//     "radio" [label="Radio stack", shape=ellipse];
	//   }
	//   "gw" -> "radio" [label="Downlink\nunprotected", color="#c0392b"];
	//   "radio" -> "log" [label="log-write"];
	// }
}
