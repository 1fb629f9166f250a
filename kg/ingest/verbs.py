"""The words the reader's rules turn on: the verbs that say an event was held, happened, ended,
gathered or was attended, who chaired it, what an unnamed event is called, and who confers at a
ceremony. One place, so that the rules that read events (``relations``, ``unnamed``) and those
that read figures (``counts``) mean the same by each word."""

HOLD = {"hold", "organise", "organize", "host", "convene", "stage", "arrange", "mark", "celebrate", "schedule", "plan"}
HAPPEN = {"take place", "open", "meet", "convene", "gather", "begin", "start", "hold", "close", "end", "run", "stay", "remain",
          "wrap up", "get under way"}
ONLINE = {"online", "virtual", "virtually"}  # "met online", "held its meeting virtually": an online event
OPEN = {"open", "launch", "inaugurate"}  # "Y opened a photo exhibition": an event held, Y not its organiser
ENDS = {"end", "close", "conclude", "finish", "wrap up"}  # an event's verbs whose date is its last day
BY_FIELD = {"chair": "chairedBy", "head": "chairedBy", "lead": "chairedBy", "moderate": "chairedBy"}
GATHER = {"gather", "draw", "bring together", "bring", "attract", "unite", "welcome", "host", "assemble"}  # E gathered N people
ATTEND = {"attend", "join", "take part", "participate", "come", "travel"}  # N people attended E
PARTICIPANTS = {"delegate", "participant", "guest", "attendee"}  # people an event's account counts, whatever they did
# Nouns of events of no kind of their own: "a contest", "a gala evening" (``reference.NOUN_KINDS``
# lets "the contest" refer back to one by the same list).
OTHER_EVENTS = ("fair", "competition", "contest", "tournament", "olympiad", "reception", "presentation", "screening",
                "rally", "gala", "evening")
EVENT_NOUNS = {"videoconference": "OnlineEvent", "forum": "Forum", "meeting": "Meeting", "conference": "Event",
               "gathering": "Event", "event": "Event", "congress": "Congress", "ceremony": "Event", "summit": "Event",
               "session": "Meeting", "seminar": "Event", "camp": "Event", "concert": "Event", "festival": "Event",
               "exhibition": "Event", "symposium": "Event", "workshop": "Event", "roundtable": "Event", "webinar": "OnlineEvent",
               **dict.fromkeys(OTHER_EVENTS, "Event")}


CONFER = {"present", "award", "confer", "hand", "give", "bestow"}  # who confers at a ceremony hosts it
