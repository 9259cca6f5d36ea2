<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message numerus="yes">
        <source>%n enrollment(s)</source>
        <translation>
            <numerusform>%n enrollment</numerusform>
            <numerusform>%n enrollments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mark(s)</source>
        <translation>
            <numerusform>%n mark</numerusform>
            <numerusform>%n marks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n possible duplicate(s)</source>
        <translation>
            <numerusform>%n possible duplicate</numerusform>
            <numerusform>%n possible duplicates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{student} · {ensemble} · %n unexcused absence(s) in a row</source>
        <translation>
            <numerusform>{student} · {ensemble} · %n unexcused absence</numerusform>
            <numerusform>{student} · {ensemble} · %n unexcused absences in a row</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n student(s) missed several sessions in a row without an excuse: call home.</source>
        <translation>
            <numerusform>%n student missed several sessions in a row without an excuse: call home.</numerusform>
            <numerusform>%n students missed several sessions in a row without an excuse: call home.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n student(s) enrolled</source>
        <translation>
            <numerusform>%n student enrolled</numerusform>
            <numerusform>%n students enrolled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n student(s)</source>
        <translation>
            <numerusform>%n student</numerusform>
            <numerusform>%n students</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} student(s) have no photo consent.</source>
        <translation>
            <numerusform>%n of {total} students has no photo consent.</numerusform>
            <numerusform>%n of {total} students have no photo consent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n family(ies)</source>
        <translation>
            <numerusform>%n family</numerusform>
            <numerusform>%n families</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n adult(s)</source>
        <translation>
            <numerusform>%n adult</numerusform>
            <numerusform>%n adults</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{present}/{expected} present · {guest}</source>
        <translation>
            <numerusform>{present}/{expected} present · {guest}</numerusform>
            <numerusform>{present}/{expected} present · {guest}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n performer(s) · audience {audience}</source>
        <translation>
            <numerusform>%n performer · audience {audience}</numerusform>
            <numerusform>%n performers · audience {audience}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n student(s) from the waitlist took the new places.</source>
        <translation>
            <numerusform>%n student from the waitlist took a new place.</numerusform>
            <numerusform>%n students from the waitlist took the new places.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mark %n present</source>
        <translation>
            <numerusform>Mark %n present</numerusform>
            <numerusform>Mark %n present</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n past session(s) missing roll:</source>
        <translation>
            <numerusform>⚠ %n past session is missing roll:</numerusform>
            <numerusform>⚠ %n past sessions are missing roll:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{recorded} of %n student(s) marked</source>
        <translation>
            <numerusform>{recorded} of %n student marked</numerusform>
            <numerusform>{recorded} of %n students marked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Roll taken: all %n marked</source>
        <translation>
            <numerusform>Roll taken: %n marked</numerusform>
            <numerusform>Roll taken: all %n marked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n change waiting</numerusform>
            <numerusform>%n changes waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>End of the day: %n change(s) not synced yet. Sync before you leave?</source>
        <translation>
            <numerusform>End of the day: %n change not synced yet. Sync before you leave?</numerusform>
            <numerusform>End of the day: %n changes not synced yet. Sync before you leave?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{kind} expires {date} (in %n day(s))</source>
        <translation>
            <numerusform>{kind} expires {date} (in %n day)</numerusform>
            <numerusform>{kind} expires {date} (in %n days)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expired %n day(s) ago</source>
        <translation>
            <numerusform>expired %n day ago</numerusform>
            <numerusform>expired %n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Expiring within %n day(s)&lt;/b&gt; ({count})</source>
        <translation>
            <numerusform>&lt;b&gt;Expiring within %n day&lt;/b&gt; ({count})</numerusform>
            <numerusform>&lt;b&gt;Expiring within %n days&lt;/b&gt; ({count})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n volunteer(s)</source>
        <translation>
            <numerusform>%n volunteer</numerusform>
            <numerusform>%n volunteers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n active not cleared</source>
        <translation>
            <numerusform>%n active not cleared</numerusform>
            <numerusform>%n active not cleared</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to {path}</source>
        <translation>
            <numerusform>%n row written to {path}</numerusform>
            <numerusform>%n rows written to {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every hub on this laptop (%n hub(s))</source>
        <translation>
            <numerusform>Every hub on this laptop (%n hub)</numerusform>
            <numerusform>Every hub on this laptop (%n hubs)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n student(s) up a grade for {year}?</source>
        <translation>
            <numerusform>Move %n student up a grade for {year}?</numerusform>
            <numerusform>Move %n students up a grade for {year}?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n student(s) in grade 12 will become inactive.</source>
        <translation>
            <numerusform>%n student in grade 12 will become inactive.</numerusform>
            <numerusform>%n students in grade 12 will become inactive.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>{name}: %n row(s) ({encoding})</source>
        <translation>
            <numerusform>{name}: %n row ({encoding})</numerusform>
            <numerusform>{name}: %n rows ({encoding})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) to check (imported all the same): see the list below.</source>
        <translation>
            <numerusform>%n row to check (imported all the same): see the list below.</numerusform>
            <numerusform>%n rows to check (imported all the same): see the list below.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>%Ln rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message numerus="yes">
        <source>{year} has begun: %n student&apos;s grade is still for an earlier year.</source>
        <translation>
            <numerusform>{year} has begun: %n student&apos;s grade is still for an earlier year.</numerusform>
            <numerusform>{year} has begun: %n students&apos; grades are still for an earlier year.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n student(s)</source>
        <translation>
            <numerusform>%n student</numerusform>
            <numerusform>%n students</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %n student(s)</source>
        <translation>
            <numerusform>{shown} of %n student</numerusform>
            <numerusform>{shown} of %n students</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) exported to {name}.</source>
        <translation>
            <numerusform>%n row exported to {name}.</numerusform>
            <numerusform>%n rows exported to {name}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WaitlistDialog</name>
    <message numerus="yes">
        <source>{taken} of %n place(s) taken</source>
        <translation>
            <numerusform>{taken} of %n place taken</numerusform>
            <numerusform>{taken} of %n places taken</numerusform>
        </translation>
    </message>
</context>
</TS>
