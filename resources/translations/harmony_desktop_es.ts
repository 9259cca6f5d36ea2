<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name></name>
    <message>
        <source>Class roster</source>
        <translation>Lista de la clase</translation>
    </message>
    <message>
        <source>Sign-in / sign-out sheet</source>
        <translation>Hoja de entrada y salida</translation>
    </message>
    <message>
        <source>Paper roll sheet</source>
        <translation>Hoja de asistencia en papel</translation>
    </message>
    <message>
        <source>Emergency contact sheet</source>
        <translation>Hoja de contactos de emergencia</translation>
    </message>
    <message>
        <source>No-photo list</source>
        <translation>Lista de estudiantes sin fotos</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Allergy</source>
        <translation>Alergia</translation>
    </message>
    <message>
        <source>Medical</source>
        <translation>Médico</translation>
    </message>
    <message>
        <source>Custody</source>
        <translation>Custodia</translation>
    </message>
    <message>
        <source>legal: {name}</source>
        <translation>nombre legal: {name}</translation>
    </message>
    <message>
        <source>Unknown document {kind!r}; choose one of: {kinds}</source>
        <translation>Documento desconocido {kind!r}; elija uno de: {kinds}</translation>
    </message>
    <message>
        <source>Choose an ensemble (or a session) for this document.</source>
        <translation>Elija un conjunto (o una sesión) para este documento.</translation>
    </message>
    <message>
        <source>All ensembles</source>
        <translation>Todos los conjuntos</translation>
    </message>
    <message>
        <source>Teacher: {name}</source>
        <translation>Maestro(a): {name}</translation>
    </message>
    <message>
        <source>Printed {when} · Harmony Desktop</source>
        <translation>Impreso {when} · Harmony Desktop</translation>
    </message>
    <message>
        <source>{count} students enrolled</source>
        <translation>{count} estudiantes inscritos</translation>
    </message>
    <message>
        <source>(capacity {capacity})</source>
        <translation>(cupo {capacity})</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grado</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Edad</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrumento</translation>
    </message>
    <message>
        <source>District ID</source>
        <translation>ID del distrito</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>Tutor(a)</translation>
    </message>
    <message>
        <source>Walks home</source>
        <translation>Camina a casa</translation>
    </message>
    <message>
        <source>Photo OK</source>
        <translation>Fotos permitidas</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <source>No student is enrolled in this ensemble on this date.</source>
        <translation>Ningún estudiante está inscrito en este conjunto en esta fecha.</translation>
    </message>
    <message>
        <source>Alerts: details are on the emergency contact sheet.</source>
        <translation>Alertas: los detalles están en la hoja de contactos de emergencia.</translation>
    </message>
    <message>
        <source>May walk home</source>
        <translation>Puede irse caminando</translation>
    </message>
    <message>
        <source>CUSTODY ALERT: check the emergency sheet</source>
        <translation>ALERTA DE CUSTODIA: revise la hoja de emergencia</translation>
    </message>
    <message>
        <source>Time in</source>
        <translation>Hora de entrada</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Time out</source>
        <translation>Hora de salida</translation>
    </message>
    <message>
        <source>Early-release code</source>
        <translation>Código de salida temprana</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Early-release codes: {legend}</source>
        <translation>Códigos de salida temprana: {legend}</translation>
    </message>
    <message>
        <source>Staff signature: ______________________________   Name: ______________________   Date: ____________</source>
        <translation>Firma del personal: ___________________________   Nombre: ______________________   Fecha: ____________</translation>
    </message>
    <message>
        <source>For when a laptop is not available: mark a code per date, enter it later.</source>
        <translation>Para cuando no hay computadora: marque un código por fecha y regístrelo después.</translation>
    </message>
    <message>
        <source>Gr.</source>
        <translation>Gr.</translation>
    </message>
    <message>
        <source>Codes: {codes}</source>
        <translation>Códigos: {codes}</translation>
    </message>
    <message>
        <source>Teacher signature: ______________________________</source>
        <translation>Firma del maestro(a): ______________________________</translation>
    </message>
    <message>
        <source>Born {date} (age {age})</source>
        <translation>Nació el {date} ({age} años)</translation>
    </message>
    <message>
        <source>Grade {grade}</source>
        <translation>Grado {grade}</translation>
    </message>
    <message>
        <source>Family language: {lang}</source>
        <translation>Idioma de la familia: {lang}</translation>
    </message>
    <message>
        <source>Emergency</source>
        <translation>Emergencia</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Allergies: {notes}</source>
        <translation>Alergias: {notes}</translation>
    </message>
    <message>
        <source>Medical: {notes}</source>
        <translation>Médico: {notes}</translation>
    </message>
    <message>
        <source>NO CONTACT ON FILE</source>
        <translation>NO HAY CONTACTO REGISTRADO</translation>
    </message>
    <message>
        <source>None listed</source>
        <translation>Nadie registrado</translation>
    </message>
    <message>
        <source>{count} students</source>
        <translation>{count} estudiantes</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <source>Guardians and emergency contacts</source>
        <translation>Tutores y contactos de emergencia</translation>
    </message>
    <message>
        <source>Authorized pickups</source>
        <translation>Autorizados para recoger</translation>
    </message>
    <message>
        <source>Custody restrictions</source>
        <translation>Restricciones de custodia</translation>
    </message>
    <message>
        <source>Allergies and medical notes</source>
        <translation>Alergias y notas médicas</translation>
    </message>
    <message>
        <source>CONFIDENTIAL: keep with staff at all times; never post or leave behind. Shred when replaced.</source>
        <translation>CONFIDENCIAL: el personal debe tenerla siempre consigo; nunca la publique ni la deje olvidada. Destrúyala cuando la reemplace.</translation>
    </message>
    <message>
        <source>No students.</source>
        <translation>No hay estudiantes.</translation>
    </message>
    <message>
        <source>{count} of {total} students have no photo consent.</source>
        <translation>{count} de {total} estudiantes no tienen permiso para fotos.</translation>
    </message>
    <message>
        <source>Keep these students out of photos, video and live streams. Check before posting.</source>
        <translation>No incluya a estos estudiantes en fotos, videos ni transmisiones en vivo. Revise antes de publicar.</translation>
    </message>
    <message>
        <source>Ensembles</source>
        <translation>Conjuntos</translation>
    </message>
    <message>
        <source>Every student listed here has photo consent.</source>
        <translation>Todos los estudiantes de esta lista tienen permiso para fotos.</translation>
    </message>
    <message>
        <source>Page size must be Letter or A4, not {size!r}.</source>
        <translation>El tamaño de página debe ser Letter o A4, no {size!r}.</translation>
    </message>
    <message>
        <source>Page {n} of {total}</source>
        <extracomment>print the first line of each cell in bold (a name above its details) minimum row height in millimetres (room to sign or write a mark) if set, rows are sized so about this many fit on a page lines printed under the table on every page (legends, signature lines) a short warning printed in the header of every page (e.g. confidentiality)</extracomment>
        <translation>Página {n} de {total}</translation>
    </message>
    <message>
        <source>{title} — page {n} of {total}</source>
        <translation>{title} — página {n} de {total}</translation>
    </message>
    <message>
        <source>There is no hub in this database yet. Sync with the central server, or create a demo with: harmony-desktop demo</source>
        <translation>Todavía no hay ninguna sede en esta base de datos. Sincronice con el servidor central o cree una demostración con: harmony-desktop demo</translation>
    </message>
    <message>
        <source>Harmony Desktop main window</source>
        <translation>Ventana principal de Harmony Desktop</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <source>Hub: {name}</source>
        <translation>Sede: {name}</translation>
    </message>
    <message>
        <source>Hub</source>
        <translation>Sede</translation>
    </message>
    <message>
        <source>Date shown</source>
        <translation>Fecha mostrada</translation>
    </message>
    <message>
        <source>Status bar</source>
        <translation>Barra de estado</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Asistencia</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>Lista</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Configuración</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Date: {date}</source>
        <translation>Fecha: {date}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>{code}: {student}</source>
        <translation>{code}: {student}</translation>
    </message>
    <message>
        <source>Arrival time</source>
        <translation>Hora de llegada</translation>
    </message>
    <message>
        <source>&lt;b&gt;{student}&lt;/b&gt; arrived late.</source>
        <translation>&lt;b&gt;{student}&lt;/b&gt; llegó tarde.</translation>
    </message>
    <message>
        <source>Arrived at:</source>
        <translation>Llegó a las:</translation>
    </message>
    <message>
        <source>Mark late</source>
        <translation>Marcar tarde</translation>
    </message>
    <message>
        <source>Early departure</source>
        <translation>Salida temprana</translation>
    </message>
    <message>
        <source>Who may take this student</source>
        <translation>Quién puede llevarse a este estudiante</translation>
    </message>
    <message>
        <source>Departure time</source>
        <translation>Hora de salida</translation>
    </message>
    <message>
        <source>Reason for leaving early</source>
        <translation>Motivo de la salida temprana</translation>
    </message>
    <message>
        <source>Left at:</source>
        <translation>Salió a las:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
    <message>
        <source>Mark left early</source>
        <translation>Marcar salida temprana</translation>
    </message>
    <message>
        <source>Custody restriction</source>
        <translation>Restricción de custodia</translation>
    </message>
    <message>
        <source>May walk home alone.</source>
        <translation>Puede irse caminando solo(a) a casa.</translation>
    </message>
    <message>
        <source>May NOT walk home: release only to an authorized adult.</source>
        <translation>NO puede irse caminando: entréguelo solo a un adulto autorizado.</translation>
    </message>
    <message>
        <source>Authorized pickups:</source>
        <translation>Autorizados para recoger:</translation>
    </message>
    <message>
        <source>No authorized pickup on file. Call the site lead.</source>
        <translation>No hay nadie autorizado para recoger. Llame al coordinador(a) de la sede.</translation>
    </message>
    <message>
        <source>Note for {student}</source>
        <translation>Nota sobre {student}</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Note text</source>
        <translation>Texto de la nota</translation>
    </message>
    <message>
        <source>Note (kept with this mark, visible to staff):</source>
        <translation>Nota (se guarda con esta marca; la ve el personal):</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>Guardar nota</translation>
    </message>
    <message>
        <source>Cancel session</source>
        <translation>Cancelar sesión</translation>
    </message>
    <message>
        <source>Reason for cancelling</source>
        <translation>Motivo de la cancelación</translation>
    </message>
    <message>
        <source>Weather</source>
        <translation>Clima</translation>
    </message>
    <message>
        <source>Venue unavailable</source>
        <translation>Lugar no disponible</translation>
    </message>
    <message>
        <source>Teacher absent</source>
        <translation>Maestro(a) ausente</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>Día festivo</translation>
    </message>
    <message>
        <source>Choose or type a reason</source>
        <translation>Elija o escriba un motivo</translation>
    </message>
    <message>
        <source>Cancel &lt;b&gt;{session}&lt;/b&gt;? It will leave every attendance count. You can restore it later.</source>
        <translation>¿Cancelar &lt;b&gt;{session}&lt;/b&gt;? Dejará de contar en la asistencia. Puede restaurarla más tarde.</translation>
    </message>
    <message>
        <source>Keep session</source>
        <translation>Conservar sesión</translation>
    </message>
    <message>
        <source>Add a session</source>
        <translation>Agregar una sesión</translation>
    </message>
    <message>
        <source>Ensemble</source>
        <translation>Conjunto</translation>
    </message>
    <message>
        <source>Kind of session</source>
        <translation>Tipo de sesión</translation>
    </message>
    <message>
        <source>Rehearsal</source>
        <translation>Ensayo</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>Presentación</translation>
    </message>
    <message>
        <source>Masterclass</source>
        <translation>Clase magistral</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>e.g. Winter concert at City Hall</source>
        <translation>p. ej., Concierto de invierno en el Ayuntamiento</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Hora de inicio</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>Hora de fin</translation>
    </message>
    <message>
        <source>Off-site (performance, visit)</source>
        <translation>Fuera de la sede (presentación, visita)</translation>
    </message>
    <message>
        <source>Off-site</source>
        <translation>Fuera de la sede</translation>
    </message>
    <message>
        <source>Ensemble:</source>
        <translation>Conjunto:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Tipo:</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Título:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Fecha:</translation>
    </message>
    <message>
        <source>Starts:</source>
        <translation>Empieza:</translation>
    </message>
    <message>
        <source>Ends:</source>
        <translation>Termina:</translation>
    </message>
    <message>
        <source>Add session</source>
        <translation>Agregar sesión</translation>
    </message>
    <message>
        <source>Missing roll</source>
        <extracomment>Custom roles shared by the models and their delegates.</extracomment>
        <translation>Falta la asistencia</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Sin empezar</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Roll taken</source>
        <translation>Asistencia tomada</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Marked</source>
        <translation>Marcados</translation>
    </message>
    <message>
        <source>Cancelled: {reason}</source>
        <translation>Cancelada: {reason}</translation>
    </message>
    <message>
        <source>{recorded} of {expected} students marked</source>
        <translation>{recorded} de {expected} estudiantes marcados</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>Marca</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Sin registrar</translation>
    </message>
    <message>
        <source>Not recorded yet</source>
        <translation>Todavía sin registrar</translation>
    </message>
    <message>
        <source>arrived {time}</source>
        <translation>llegó {time}</translation>
    </message>
    <message>
        <source>left {time}</source>
        <translation>salió {time}</translation>
    </message>
    <message>
        <source>Custody restriction: check before release.</source>
        <translation>Restricción de custodia: revise antes de entregarlo.</translation>
    </message>
    <message>
        <source>Must be picked up by an authorized adult.</source>
        <translation>Lo debe recoger un adulto autorizado.</translation>
    </message>
    <message>
        <source>Picked up by guardian</source>
        <translation>Lo recogió su tutor(a)</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Cita</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transporte</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>◀ Previous day</source>
        <translation>◀ Día anterior</translation>
    </message>
    <message>
        <source>Previous day</source>
        <translation>Día anterior</translation>
    </message>
    <message>
        <source>Next day ▶</source>
        <translation>Día siguiente ▶</translation>
    </message>
    <message>
        <source>Next day</source>
        <translation>Día siguiente</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Go to today</source>
        <translation>Ir a hoy</translation>
    </message>
    <message>
        <source>dddd d MMMM yyyy</source>
        <translation>dddd d &apos;de&apos; MMMM</translation>
    </message>
    <message>
        <source>Teacher:</source>
        <translation>Maestro(a):</translation>
    </message>
    <message>
        <source>Teacher taking roll</source>
        <translation>Maestro(a) que toma la asistencia</translation>
    </message>
    <message>
        <source>Add session…</source>
        <translation>Agregar sesión…</translation>
    </message>
    <message>
        <source>Add an ad-hoc session</source>
        <translation>Agregar una sesión extra</translation>
    </message>
    <message>
        <source>Cancel session…</source>
        <translation>Cancelar sesión…</translation>
    </message>
    <message>
        <source>Cancel this session</source>
        <translation>Cancelar esta sesión</translation>
    </message>
    <message>
        <source>Sessions missing roll</source>
        <translation>Sesiones sin asistencia</translation>
    </message>
    <message>
        <source>Open oldest missing roll</source>
        <translation>Abrir la asistencia pendiente más antigua</translation>
    </message>
    <message>
        <source>Day shown</source>
        <translation>Día mostrado</translation>
    </message>
    <message>
        <source>Sessions of the day</source>
        <translation>Sesiones del día</translation>
    </message>
    <message>
        <source>Session columns</source>
        <translation>Columnas de las sesiones</translation>
    </message>
    <message>
        <source>No sessions on this day.</source>
        <translation>No hay sesiones este día.</translation>
    </message>
    <message>
        <source>Choose a session to take roll.

Keyboard: ↑/↓ choose a session, Enter goes to its roll.</source>
        <translation>Elija una sesión para tomar asistencia.

Teclado: ↑/↓ elige una sesión, Intro abre su asistencia.</translation>
    </message>
    <message>
        <source>No session chosen</source>
        <translation>No se eligió ninguna sesión</translation>
    </message>
    <message>
        <source>Roll progress</source>
        <translation>Avance de la asistencia</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>Estado del guardado</translation>
    </message>
    <message>
        <source>Correcting a past roll: every change is recorded with your name and the time.</source>
        <translation>Corrigiendo una asistencia pasada: cada cambio se registra con su nombre y la hora.</translation>
    </message>
    <message>
        <source>Past roll notice</source>
        <translation>Aviso de asistencia pasada</translation>
    </message>
    <message>
        <source>Cancellation</source>
        <translation>Cancelación</translation>
    </message>
    <message>
        <source>Restore session</source>
        <translation>Restaurar sesión</translation>
    </message>
    <message>
        <source>Restore cancelled session</source>
        <translation>Restaurar la sesión cancelada</translation>
    </message>
    <message>
        <source>Mark {label}</source>
        <translation>Marcar {label}</translation>
    </message>
    <message>
        <source>Mark the chosen student {label} (key {key} or {digit})</source>
        <translation>Marcar al estudiante elegido: {label} (tecla {key} o {digit})</translation>
    </message>
    <message>
        <source>Not recorded [Del]</source>
        <translation>Sin registrar [Supr]</translation>
    </message>
    <message>
        <source>Set back to not recorded</source>
        <translation>Volver a sin registrar</translation>
    </message>
    <message>
        <source>Note… [N]</source>
        <translation>Nota… [N]</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>Agregar una nota</translation>
    </message>
    <message>
        <source>Mark all remaining present</source>
        <translation>Marcar presentes a todos los demás</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Undo last change</source>
        <translation>Deshacer el último cambio</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rehacer</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>Orden:</translation>
    </message>
    <message>
        <source>Order of the roll</source>
        <translation>Orden de la lista</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Roll</source>
        <translation>Asistencia</translation>
    </message>
    <message>
        <source>Roll columns</source>
        <translation>Columnas de la asistencia</translation>
    </message>
    <message>
        <source>Row numbers</source>
        <translation>Números de fila</translation>
    </message>
    <message>
        <source>Keys: ↑/↓ or j/k move · {codes} mark and move on · Del not recorded · N note · Ctrl+Z undo</source>
        <translation>Teclas: ↑/↓ o j/k mueven · {codes} marcan y avanzan · Supr sin registrar · N nota · Ctrl+Z deshacer</translation>
    </message>
    <message>
        <source>Keyboard help</source>
        <translation>Ayuda del teclado</translation>
    </message>
    <message>
        <source>(no staff set up)</source>
        <translation>(no hay personal registrado)</translation>
    </message>
    <message>
        <source>Today, {date}</source>
        <translation>Hoy, {date}</translation>
    </message>
    <message>
        <source>Could not load the day: {error}</source>
        <translation>No se pudo cargar el día: {error}</translation>
    </message>
    <message>
        <source>Loading the roll…</source>
        <translation>Cargando la asistencia…</translation>
    </message>
    <message>
        <source>Could not open the roll: {error}</source>
        <translation>No se pudo abrir la asistencia: {error}</translation>
    </message>
    <message>
        <source>Roll taken: all {total} marked</source>
        <translation>Asistencia tomada: los {total} marcados</translation>
    </message>
    <message>
        <source>{recorded} of {total} marked · {left} not recorded</source>
        <translation>{recorded} de {total} marcados · {left} sin registrar</translation>
    </message>
    <message>
        <source>⚠ {count} past sessions are missing roll:</source>
        <translation>⚠ A {count} sesiones pasadas les falta la asistencia:</translation>
    </message>
    <message>
        <source>⚠ 1 past session is missing roll:</source>
        <translation>⚠ A 1 sesión pasada le falta la asistencia:</translation>
    </message>
    <message>
        <source>and {count} more</source>
        <translation>y {count} más</translation>
    </message>
    <message>
        <source>Mark {code}</source>
        <extracomment>(student id, mark before, mark after)</extracomment>
        <translation>Marcar {code}</translation>
    </message>
    <message>
        <source>Clear mark</source>
        <translation>Borrar marca</translation>
    </message>
    <message>
        <source>Mark {count} present</source>
        <translation>Marcar {count} presentes</translation>
    </message>
    <message>
        <source>✓ Saved at {time}</source>
        <translation>✓ Guardado a las {time}</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizar ahora</translation>
    </message>
    <message>
        <source>&amp;Enroll this laptop…</source>
        <translation>&amp;Registrar esta computadora…</translation>
    </message>
    <message>
        <source>Needs &amp;review</source>
        <translation>Pendiente de &amp;revisión</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Sincronización</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>Sync toolbar</source>
        <translation>Barra de sincronización</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>Needs review</source>
        <translation>Pendiente de revisión</translation>
    </message>
    <message>
        <source>Needs review ({n})</source>
        <translation>Pendiente de revisión ({n})</translation>
    </message>
    <message>
        <source>Enroll this laptop</source>
        <translation>Registrar esta computadora</translation>
    </message>
    <message>
        <source>Connect this laptop to your programme&apos;s sync server. Your administrator gives you the address and a one-time code. The app keeps working offline either way.</source>
        <translation>Conecte esta computadora al servidor de sincronización de su programa. Su administrador le da la dirección y un código de un solo uso. De todos modos, la aplicación sigue funcionando sin conexión.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Código de registro</translation>
    </message>
    <message>
        <source>Laptop name</source>
        <translation>Nombre de la computadora</translation>
    </message>
    <message>
        <source>Enrollment result</source>
        <translation>Resultado del registro</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>&amp;Dirección del servidor:</translation>
    </message>
    <message>
        <source>One-time &amp;code:</source>
        <translation>&amp;Código de un solo uso:</translation>
    </message>
    <message>
        <source>Laptop &amp;name:</source>
        <translation>&amp;Nombre de la computadora:</translation>
    </message>
    <message>
        <source>Enroll</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <source>Type both the server address and the code.</source>
        <translation>Escriba la dirección del servidor y el código.</translation>
    </message>
    <message>
        <source>Contacting the server…</source>
        <translation>Conectando con el servidor…</translation>
    </message>
    <message>
        <source>Enrollment failed unexpectedly. Try again.</source>
        <translation>El registro falló inesperadamente. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>(empty)</source>
        <extracomment>the review item / duplicate pair behind a row</extracomment>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Current value</source>
        <translation>Valor actual</translation>
    </message>
    <message>
        <source>Other value / reason</source>
        <translation>Otro valor / motivo</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Detectado</translation>
    </message>
    <message>
        <source>Refused change: {fields}</source>
        <translation>Cambio rechazado: {fields}</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Guardian phone</source>
        <translation>Teléfono del tutor(a)</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>kept record: {e1} enrollment(s), {m1} mark(s) · other record: {e2} enrollment(s), {m2} mark(s)</source>
        <translation>registro conservado: {e1} inscripción(es), {m1} marca(s) · otro registro: {e2} inscripción(es), {m2} marca(s)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Changes that need a decision&lt;/b&gt;</source>
        <translation>&lt;b&gt;Cambios que necesitan una decisión&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Conflicts heading</source>
        <translation>Encabezado de conflictos</translation>
    </message>
    <message>
        <source>Two laptops changed the same thing before syncing. The newest change is in use; the other one is kept here so nothing is lost.</source>
        <translation>Dos computadoras cambiaron lo mismo antes de sincronizar. Se usa el cambio más reciente; el otro se guarda aquí para que no se pierda nada.</translation>
    </message>
    <message>
        <source>Conflicts and refused changes</source>
        <translation>Conflictos y cambios rechazados</translation>
    </message>
    <message>
        <source>Keep current value</source>
        <translation>Conservar el valor actual</translation>
    </message>
    <message>
        <source>Use other value</source>
        <translation>Usar el otro valor</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Dismiss refused change</source>
        <translation>Descartar el cambio rechazado</translation>
    </message>
    <message>
        <source>&lt;b&gt;Possible duplicate students&lt;/b&gt;</source>
        <translation>&lt;b&gt;Posibles estudiantes duplicados&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Duplicates heading</source>
        <translation>Encabezado de duplicados</translation>
    </message>
    <message>
        <source>Same name, date of birth and guardian phone, probably entered on two laptops. Merging keeps every enrollment and attendance mark.</source>
        <translation>Mismo nombre, fecha de nacimiento y teléfono del tutor(a); probablemente se registró en dos computadoras. Al combinarlos se conservan todas las inscripciones y marcas de asistencia.</translation>
    </message>
    <message>
        <source>Possible duplicate students</source>
        <translation>Posibles estudiantes duplicados</translation>
    </message>
    <message>
        <source>Merge into one student</source>
        <translation>Combinar en un solo estudiante</translation>
    </message>
    <message>
        <source>Merge duplicate students</source>
        <translation>Combinar estudiantes duplicados</translation>
    </message>
    <message>
        <source>Review status</source>
        <translation>Estado de la revisión</translation>
    </message>
    <message>
        <source>Nothing needs review.</source>
        <translation>No hay nada pendiente de revisión.</translation>
    </message>
    <message>
        <source>{n} change(s) and {d} possible duplicate(s) to review.</source>
        <translation>{n} cambio(s) y {d} posible(s) duplicado(s) por revisar.</translation>
    </message>
    <message>
        <source>Last sync: never</source>
        <translation>Última sincronización: nunca</translation>
    </message>
    <message>
        <source>today</source>
        <translation>hoy</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>ayer</translation>
    </message>
    <message>
        <source>Last sync: {day} {time}</source>
        <translation>Última sincronización: {day} {time}</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>Estado de la sincronización</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>Last successful sync</source>
        <translation>Última sincronización correcta</translation>
    </message>
    <message>
        <source>Changes waiting</source>
        <translation>Cambios pendientes</translation>
    </message>
    <message>
        <source>Sync message</source>
        <translation>Mensaje de sincronización</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Avance de la sincronización</translation>
    </message>
    <message>
        <source>Send this laptop&apos;s changes and fetch everyone else&apos;s</source>
        <translation>Enviar los cambios de esta computadora y recibir los de las demás</translation>
    </message>
    <message>
        <source>Set up sync…</source>
        <translation>Configurar la sincronización…</translation>
    </message>
    <message>
        <source>All changes synced</source>
        <translation>Todos los cambios sincronizados</translation>
    </message>
    <message>
        <source>No changes waiting</source>
        <translation>No hay cambios pendientes</translation>
    </message>
    <message>
        <source>1 change waiting</source>
        <translation>1 cambio pendiente</translation>
    </message>
    <message>
        <source>{n} changes waiting</source>
        <translation>{n} cambios pendientes</translation>
    </message>
    <message>
        <source>○ Not set up for sync</source>
        <translation>○ Sincronización sin configurar</translation>
    </message>
    <message>
        <source>Everything works offline. Use Sync ▸ Enroll this laptop to connect it.</source>
        <translation>Todo funciona sin conexión. Use Sincronización ▸ Registrar esta computadora para conectarla.</translation>
    </message>
    <message>
        <source>{n} to review</source>
        <translation>{n} por revisar</translation>
    </message>
    <message>
        <source>◌ Not checked yet</source>
        <translation>◌ Sin comprobar todavía</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● En línea</translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation>○ Sin conexión</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <source>Sending %v of %m</source>
        <translation>Enviando %v de %m</translation>
    </message>
    <message>
        <source>Receiving {n}</source>
        <translation>Recibiendo {n}</translation>
    </message>
    <message>
        <source>Synced: sent {sent}, received {got}</source>
        <translation>Sincronizado: enviados {sent}, recibidos {got}</translation>
    </message>
    <message>
        <source> · {n} to review</source>
        <translation> · {n} por revisar</translation>
    </message>
    <message>
        <source>Sync failed unexpectedly; your work is safe on this laptop.</source>
        <translation>La sincronización falló inesperadamente; su trabajo está a salvo en esta computadora.</translation>
    </message>
    <message>
        <source>Server unreachable: retrying in {n} min. Your work is safe.</source>
        <translation>No se puede conectar con el servidor: se reintentará en {n} min. Su trabajo está a salvo.</translation>
    </message>
    <message>
        <source>Server unreachable. Your work is safe on this laptop.</source>
        <translation>No se puede conectar con el servidor. Su trabajo está a salvo en esta computadora.</translation>
    </message>
    <message>
        <source>Sync access revoked: enroll this laptop again (Sync menu).</source>
        <translation>Se revocó el acceso a la sincronización: vuelva a registrar esta computadora (menú Sincronización).</translation>
    </message>
    <message>
        <source>Not set up for sync: Sync ▸ Enroll this laptop.</source>
        <translation>Sincronización sin configurar: Sincronización ▸ Registrar esta computadora.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is wrong: fix date and time, then sync.</source>
        <translation>El reloj de esta computadora está mal: corrija la fecha y la hora y luego sincronice.</translation>
    </message>
    <message>
        <source>The sync server needs an update: tell your administrator.</source>
        <translation>El servidor de sincronización necesita una actualización: avise a su administrador.</translation>
    </message>
    <message>
        <source>This app needs an update before it can sync.</source>
        <translation>Esta aplicación necesita una actualización antes de poder sincronizar.</translation>
    </message>
    <message>
        <source>Sync failed: {why}</source>
        <translation>La sincronización falló: {why}</translation>
    </message>
    <message>
        <source>End of the day: {n} changes not synced yet. Sync before you leave?</source>
        <translation>Fin del día: {n} cambios todavía sin sincronizar. ¿Sincronizar antes de irse?</translation>
    </message>
    <message>
        <source>Language of printouts and exports</source>
        <translation>Idioma de impresos y exportaciones</translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <source>Guardian</source>
        <extracomment>any field changed the user asked to remove this contact</extracomment>
        <translation>Tutor(a)</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>Contacto de emergencia</translation>
    </message>
    <message>
        <source>Authorized pickup</source>
        <translation>Autorizado para recoger</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nombre completo</translation>
    </message>
    <message>
        <source>mother, grandfather, neighbour…</source>
        <translation>madre, abuelo, vecina…</translation>
    </message>
    <message>
        <source>(323) 555-0100</source>
        <translation>(323) 555-0100</translation>
    </message>
    <message>
        <source>Empty if none. e.g. &quot;No contact with father&quot;</source>
        <translation>Vacío si no hay. P. ej., &quot;Sin contacto con el padre&quot;</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Parentesco</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Other phone</source>
        <translation>Otro teléfono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Custody restriction</source>
        <translation>Restricción de custodia</translation>
    </message>
</context>
<context>
    <name>Enrollment</name>
    <message>
        <source>Applied</source>
        <translation>Solicitó</translation>
    </message>
    <message>
        <source>Waitlisted</source>
        <translation>En lista de espera</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Inscrito</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Dado de baja</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminó</translation>
    </message>
</context>
<context>
    <name>EnrollmentPanel</name>
    <message>
        <source>Ensemble</source>
        <extracomment>enrollments changed (the roster should reload)</extracomment>
        <translation>Conjunto</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Solicitó</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>Lista de espera</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Inscrito</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Terminó</translation>
    </message>
    <message>
        <source>Enrollments</source>
        <translation>Inscripciones</translation>
    </message>
    <message>
        <source>Enrollment history</source>
        <translation>Historial de inscripciones</translation>
    </message>
    <message>
        <source>Ensemble to enroll in</source>
        <translation>Conjunto en el que inscribir</translation>
    </message>
    <message>
        <source>Date of the change</source>
        <translation>Fecha del cambio</translation>
    </message>
    <message>
        <source>Waitlist priority: lower is offered a place first</source>
        <translation>Prioridad en la lista de espera: al número más bajo se le ofrece lugar primero</translation>
    </message>
    <message>
        <source>Waitlist priority</source>
        <translation>Prioridad en la lista de espera</translation>
    </message>
    <message>
        <source>Enroll</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <source>Add to waitlist</source>
        <translation>Agregar a la lista de espera</translation>
    </message>
    <message>
        <source>Reason for withdrawing (required)</source>
        <translation>Motivo de la baja (obligatorio)</translation>
    </message>
    <message>
        <source>Withdrawal reason</source>
        <translation>Motivo de la baja</translation>
    </message>
    <message>
        <source>Withdraw selected</source>
        <translation>Dar de baja la seleccionada</translation>
    </message>
    <message>
        <source>Enrollment messages</source>
        <translation>Mensajes de inscripción</translation>
    </message>
    <message>
        <source>on</source>
        <translation>el</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>prioridad</translation>
    </message>
    <message>
        <source>History of the selected enrollment</source>
        <translation>Historial de la inscripción seleccionada</translation>
    </message>
    <message>
        <source>Enrolled in {name}.</source>
        <translation>Inscrito en {name}.</translation>
    </message>
    <message>
        <source>Added to the waitlist of {name}.</source>
        <translation>Agregado a la lista de espera de {name}.</translation>
    </message>
    <message>
        <source>Select the enrollment to withdraw.</source>
        <translation>Seleccione la inscripción que quiere dar de baja.</translation>
    </message>
    <message>
        <source>Withdrawn.</source>
        <translation>Dado de baja.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import students</source>
        <extracomment>the import was written (its report) a dry run finished (its report) the file was read</extracomment>
        <translation>Importar estudiantes</translation>
    </message>
    <message>
        <source>Choose a CSV or Excel file…</source>
        <translation>Elija un archivo CSV o de Excel…</translation>
    </message>
    <message>
        <source>Choose file</source>
        <translation>Elegir archivo</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>No se eligió ningún archivo.</translation>
    </message>
    <message>
        <source>Chosen file</source>
        <translation>Archivo elegido</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Columna del archivo</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>Ejemplo</translation>
    </message>
    <message>
        <source>Goes into</source>
        <translation>Va a</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation>Correspondencia de columnas</translation>
    </message>
    <message>
        <source>1. Check (dry run)</source>
        <translation>1. Revisar (prueba)</translation>
    </message>
    <message>
        <source>Check the import (dry run)</source>
        <translation>Revisar la importación (prueba)</translation>
    </message>
    <message>
        <source>2. Import</source>
        <translation>2. Importar</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Import summary</source>
        <translation>Resumen de la importación</translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation>Filas rechazadas</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Check where each column goes. Columns set to &quot;(ignore)&quot; are skipped.</source>
        <translation>Revise adónde va cada columna. Las columnas marcadas &quot;(ignorar)&quot; se omiten.</translation>
    </message>
    <message>
        <source>Rejected rows (line number: reason)</source>
        <translation>Filas rechazadas (número de línea: motivo)</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx *.txt)</source>
        <translation>Hojas de cálculo (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>Leyendo {name}…</translation>
    </message>
    <message>
        <source>{name}: {rows} rows ({encoding})</source>
        <translation>{name}: {rows} filas ({encoding})</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>(ignorar)</translation>
    </message>
    <message>
        <source>Field for column {header}</source>
        <translation>Campo para la columna {header}</translation>
    </message>
    <message>
        <source>Check the mapping, then run the dry run.</source>
        <translation>Revise la correspondencia y luego haga la prueba.</translation>
    </message>
    <message>
        <source>Dry run: {summary}</source>
        <translation>Prueba: {summary}</translation>
    </message>
    <message>
        <source>line {line}: {reason}</source>
        <translation>línea {line}: {reason}</translation>
    </message>
    <message>
        <source>Imported: {summary}</source>
        <translation>Importado: {summary}</translation>
    </message>
    <message>
        <source>The import failed and nothing was changed: {error}</source>
        <translation>La importación falló y no se cambió nada: {error}</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>picked up by guardian</source>
        <extracomment>The documents a site prints, in menu order.</extracomment>
        <translation>lo recogió su tutor(a)</translation>
    </message>
    <message>
        <source>medical</source>
        <translation>médico</translation>
    </message>
    <message>
        <source>appointment</source>
        <translation>cita</translation>
    </message>
    <message>
        <source>transport</source>
        <translation>transporte</translation>
    </message>
    <message>
        <source>other</source>
        <translation>otro</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>Roster</source>
        <extracomment>the roster was (re)loaded: number of students</extracomment>
        <translation>Lista</translation>
    </message>
    <message>
        <source>Search by name, district id, ensemble, instrument, grade or status</source>
        <translation>Buscar por nombre, ID del distrito, conjunto, instrumento, grado o estado</translation>
    </message>
    <message>
        <source>Search the roster</source>
        <translation>Buscar en la lista</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>Mostrar archivados</translation>
    </message>
    <message>
        <source>Show archived students</source>
        <translation>Mostrar estudiantes archivados</translation>
    </message>
    <message>
        <source>Number of students shown</source>
        <translation>Número de estudiantes mostrados</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Estudiantes</translation>
    </message>
    <message>
        <source>New student</source>
        <translation>Nuevo estudiante</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archivar</translation>
    </message>
    <message>
        <source>Waitlists…</source>
        <translation>Listas de espera…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Roster…</source>
        <translation>Lista…</translation>
    </message>
    <message>
        <source>Contacts…</source>
        <translation>Contactos…</translation>
    </message>
    <message>
        <source>Attendance…</source>
        <translation>Asistencia…</translation>
    </message>
    <message>
        <source>Ensemble to print</source>
        <translation>Conjunto para imprimir</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>Roster messages</source>
        <translation>Mensajes de la lista</translation>
    </message>
    <message>
        <source>Print for</source>
        <translation>Imprimir para</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>All ensembles</source>
        <translation>Todos los conjuntos</translation>
    </message>
    <message>
        <source>{total} students</source>
        <translation>{total} estudiantes</translation>
    </message>
    <message>
        <source>{shown} of {total} students</source>
        <translation>{shown} de {total} estudiantes</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>{name} is active again.</source>
        <translation>{name} está activo(a) otra vez.</translation>
    </message>
    <message>
        <source>Archive student</source>
        <translation>Archivar estudiante</translation>
    </message>
    <message>
        <source>Archive {name}? They leave rolls and printouts; their records are kept and you can restore them from &quot;Show archived&quot;.</source>
        <translation>¿Archivar a {name}? Dejará de aparecer en la asistencia y en los impresos; sus datos se conservan y puede restaurarlo desde &quot;Mostrar archivados&quot;.</translation>
    </message>
    <message>
        <source>{name} is archived.</source>
        <translation>{name} quedó archivado(a).</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Libro de Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>{count} rows exported to {name}.</source>
        <translation>{count} filas exportadas a {name}.</translation>
    </message>
</context>
<context>
    <name>RosterTableModel</name>
    <message>
        <source>Name</source>
        <extracomment>the student id of a row</extracomment>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation>Nombre preferido</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grado</translation>
    </message>
    <message>
        <source>District ID</source>
        <translation>ID del distrito</translation>
    </message>
    <message>
        <source>Ensembles</source>
        <translation>Conjuntos</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrumento</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactivo</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archivado</translation>
    </message>
</context>
<context>
    <name>StudentDialog</name>
    <message>
        <source>New student</source>
        <extracomment>the student was saved (id)</extracomment>
        <translation>Nuevo estudiante</translation>
    </message>
    <message>
        <source>Student: {name}</source>
        <translation>Estudiante: {name}</translation>
    </message>
    <message>
        <source>Student form sections</source>
        <translation>Secciones del formulario del estudiante</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Enrollment</source>
        <translation>Inscripción</translation>
    </message>
    <message>
        <source>Form messages</source>
        <translation>Mensajes del formulario</translation>
    </message>
    <message>
        <source>Possible duplicate warning</source>
        <translation>Aviso de posible duplicado</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Save student</source>
        <translation>Guardar estudiante</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>YYYY-MM-DD or MM/DD/YYYY</source>
        <translation>AAAA-MM-DD o MM/DD/AAAA</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(sin indicar)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactivo</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archivado</translation>
    </message>
    <message>
        <source>Photo consent given</source>
        <translation>Dio permiso para fotos</translation>
    </message>
    <message>
        <source>May walk home alone</source>
        <translation>Puede irse caminando solo(a) a casa</translation>
    </message>
    <message>
        <source>Legal first name *</source>
        <translation>Nombre legal *</translation>
    </message>
    <message>
        <source>Legal last name *</source>
        <translation>Apellido legal *</translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation>Nombre preferido</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grado</translation>
    </message>
    <message>
        <source>School</source>
        <translation>Escuela</translation>
    </message>
    <message>
        <source>District student id</source>
        <translation>ID de estudiante del distrito</translation>
    </message>
    <message>
        <source>Home language</source>
        <translation>Idioma del hogar</translation>
    </message>
    <message>
        <source>Guardian&apos;s language</source>
        <translation>Idioma del tutor(a)</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrumento</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Allergies</source>
        <translation>Alergias</translation>
    </message>
    <message>
        <source>Medical notes</source>
        <translation>Notas médicas</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Permisos</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>At least two contacts: a guardian and an emergency contact. Tick who may pick the student up, and write any custody restriction staff must know.</source>
        <translation>Al menos dos contactos: un tutor(a) y un contacto de emergencia. Marque quién puede recoger al estudiante y escriba cualquier restricción de custodia que el personal deba saber.</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>Agregar contacto</translation>
    </message>
    <message>
        <source>Contact {n}</source>
        <translation>Contacto {n}</translation>
    </message>
    <message>
        <source>{text!r} is not a date. Write the date of birth as YYYY-MM-DD (e.g. 2014-03-05).</source>
        <translation>{text!r} no es una fecha. Escriba la fecha de nacimiento como AAAA-MM-DD (p. ej., 2014-03-05).</translation>
    </message>
    <message>
        <source>{contact}: {error}</source>
        <translation>{contact}: {error}</translation>
    </message>
    <message>
        <source>Only {n} contact: add a second one (an emergency contact) so staff can always reach someone.</source>
        <translation>Solo {n} contacto: agregue otro (un contacto de emergencia) para que el personal siempre pueda comunicarse con alguien.</translation>
    </message>
    <message>
        <source>This may be a student already on the roster (same name and date of birth, or same guardian phone):
{list}
Open that student instead, or click &quot;Save anyway&quot; if this really is another child.</source>
        <translation>Puede que este estudiante ya esté en la lista (mismo nombre y fecha de nacimiento, o mismo teléfono del tutor(a)):
{list}
Abra ese estudiante, o haga clic en &quot;Guardar de todos modos&quot; si de verdad es otro niño(a).</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Guardar de todos modos</translation>
    </message>
</context>
<context>
    <name>WaitlistDialog</name>
    <message>
        <source>Waitlists</source>
        <extracomment>someone was enrolled from the waitlist</extracomment>
        <translation>Listas de espera</translation>
    </message>
    <message>
        <source>Ensemble</source>
        <translation>Conjunto</translation>
    </message>
    <message>
        <source>Enrollment date</source>
        <translation>Fecha de inscripción</translation>
    </message>
    <message>
        <source>Places taken</source>
        <translation>Lugares ocupados</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>Waitlisted on</source>
        <translation>En lista de espera desde</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>Lista de espera</translation>
    </message>
    <message>
        <source>Enroll next from waitlist</source>
        <translation>Inscribir al siguiente de la lista de espera</translation>
    </message>
    <message>
        <source>Waitlist messages</source>
        <translation>Mensajes de la lista de espera</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>on</source>
        <translation>el</translation>
    </message>
    <message>
        <source>{taken} of {capacity} places taken</source>
        <translation>{taken} de {capacity} lugares ocupados</translation>
    </message>
    <message>
        <source>{name} is enrolled.</source>
        <translation>{name} quedó inscrito(a).</translation>
    </message>
</context>
</TS>
