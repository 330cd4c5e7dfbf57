package recurring_test

import (
	"fmt"
	"time"

	"github.com/yujing-go/yujing/recurring"
)

func Example() {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	s, err := recurring.Parse("sun 02:00 - 04:00")
	if err != nil {
		panic(err)
	}
	fmt.Println(s)

	// On 14 March 2027 New York's clocks jump from 02:00 to 03:00: that
	// Sunday's window is the one real hour from 03:00 to 04:00 EDT.
	now := time.Date(2027, 3, 14, 7, 30, 0, 0, time.UTC) // 03:30 EDT
	if start, end, ok := s.Active(now, newYork); ok {
		fmt.Println("in", start.In(newYork).Format("Mon 15:04 MST"), "to", end.In(newYork).Format("15:04 MST"), "lasting", end.Sub(start))
	}
	start, end := s.Next(now, newYork)
	fmt.Println("next", start.Format(time.RFC3339), "to", end.Format(time.RFC3339))

	c, err := recurring.Parse("cron 30 22 * * 1-5 for 450m")
	if err != nil {
		panic(err)
	}
	start, end = c.Next(now, newYork)
	fmt.Println(c, "next:", start.In(newYork).Format("Mon 15:04"), "to", end.In(newYork).Format("Mon 15:04"))

	_, err = recurring.Parse("SUN 25:00-26:00")
	fmt.Println(err)
	// Output:
	// SUN 02:00-04:00
	// in Sun 03:00 EDT to 04:00 EDT lasting 1h0m0s
	// next 2027-03-21T06:00:00Z to 2027-03-21T08:00:00Z
	// cron 30 22 * * 1-5 for 7h30m next: Mon 22:30 to Tue 06:00
	// recurring: schedule "SUN 25:00-26:00": start time "25:00": hour 25 is not 00-23
}
