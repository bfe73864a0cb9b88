#!/usr/bin/perl
# Answers calendar cases with Request Tracker's Business::Hours (Debian libbusiness-hours-perl), for
# test_business_hours_reference.py. Reads JSON Lines {"op": "add"|"between", "start": epoch, "seconds"|"end": n},
# writes one result per line. Runs with TZ set to the calendar's zone, as Business::Hours uses localtime.
use strict;
use warnings;
use Business::Hours;
use JSON::PP;

my $day = { Start => '08:00', End => '17:00' };
my $hours = Business::Hours->new();
$hours->business_hours(
    0 => { Name => 'Sunday', Start => undef, End => undef },
    1 => { Name => 'Monday', %$day },
    2 => { Name => 'Tuesday', %$day, Breaks => [ { Start => '12:00', End => '13:00' } ] },
    3 => { Name => 'Wednesday', %$day },
    4 => { Name => 'Thursday', %$day },
    5 => { Name => 'Friday', %$day },
    6 => { Name => 'Saturday', Start => undef, End => undef },
    holidays => [qw(2026-11-26 2026-12-25)],
);
my $json = JSON::PP->new;
$| = 1;
while (my $line = <STDIN>) {
    my $case = $json->decode($line);
    my $result;
    if ($case->{op} eq 'add') {
        $result = $hours->add_seconds($case->{start}, $case->{seconds});
    } else {
        $hours->for_timespan(Start => $case->{start}, End => $case->{end});
        $result = $hours->between($case->{start}, $case->{end});
    }
    print "$result\n";
}
