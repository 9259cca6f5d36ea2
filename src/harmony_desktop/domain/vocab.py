"""Fixed vocabularies of the domain (defined in docs/DOMAIN.md). Stored as plain strings."""

from __future__ import annotations

from enum import StrEnum


class StudentStatus(StrEnum):
    """Where a student stands with the programme. Students are archived, never deleted."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    ARCHIVED = "archived"


class EnrollmentStatus(StrEnum):
    """Applied → Waitlisted → Enrolled → Withdrawn / Completed."""

    APPLIED = "applied"
    WAITLISTED = "waitlisted"
    ENROLLED = "enrolled"
    WITHDRAWN = "withdrawn"
    COMPLETED = "completed"


class SessionStatus(StrEnum):
    """A session is scheduled until roll is taken (held) or it is cancelled."""

    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"


class SessionKind(StrEnum):
    """Regular weekly class or an ad-hoc session."""

    REGULAR = "regular"
    REHEARSAL = "rehearsal"
    PERFORMANCE = "performance"
    MASTERCLASS = "masterclass"


class StaffRole(StrEnum):
    """What a staff member does; recorded on the marks they take."""

    TEACHER = "teacher"
    TEACHING_ARTIST = "teaching_artist"
    SITE_LEAD = "site_lead"
    STAFF = "staff"
    DATA_MANAGER = "data_manager"


#: Reasons offered when a student leaves early.
EARLY_DEPARTURE_REASONS: tuple[str, ...] = (
    "picked_up_by_guardian",
    "medical",
    "appointment",
    "transport",
    "other",
)

#: California's after-school (ASES / 21st CCLC) early-release reasons, an option set a
#: site's written early-release policy may offer beside the reasons above (Education
#: Code 8483(a)(1) lets a student leave early under such a policy); the ``ases`` report
#: counts every reason, these included.
CA_EARLY_RELEASE_REASONS: tuple[str, ...] = (
    "ca_family_emergency",
    "ca_illness",
    "ca_medical_appointment",
    "ca_other_enrichment",
    "ca_transportation",
    "ca_parent_request",
)


class VolunteerStatus(StrEnum):
    """Where a volunteer stands: a prospect becomes active once they start."""

    PROSPECT = "prospect"
    ACTIVE = "active"
    INACTIVE = "inactive"


class VolunteerRole(StrEnum):
    """What a volunteer does; teaching assistants are counted apart in reports."""

    TEACHING_ASSISTANT = "teaching_assistant"
    MENTOR = "mentor"
    EVENT_HELPER = "event_helper"
    OTHER = "other"


class ShiftStatus(StrEnum):
    """A volunteer at a session. Only attended hours count."""

    SIGNED_UP = "signed_up"
    ATTENDED = "attended"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


class FamilyEventKind(StrEnum):
    """An event for the families of a hub."""

    PARENT_WORKSHOP = "parent_workshop"
    FAMILY_NIGHT = "family_night"
    OTHER = "other"
