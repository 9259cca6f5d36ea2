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
</TS>
