"""Demonstration content for the Peer Leadership Hub.

This module is pure data: the demo loader reads these constants to build the programme page, the
glossary, the mentor pages, the four steps and their lessons, so that newcomers see a complete,
realistic programme the first time they open the site.

Everything here was written for this demonstration. The mentors, storytellers and quoted people are
fictional, and each one is labelled as fictional where they appear. Text is in plain UK English,
aimed at a reading age of about 11 to 13.

Every lesson body uses every lesson block type at least once. Rich text values are small HTML
strings (paragraphs, lists, bold, italic and h3/h4 headings only).
"""

from __future__ import annotations

from typing import Any

#: The programme landing page.
PROGRAMME: dict[str, str] = {
    "title": "Leading from Experience: a peer leadership programme",
    "slug": "programme",
    "introduction": (
        "<p>Leading from Experience is an online learning programme for people who know health "
        "and care from the inside. You might live with a long-term condition, be disabled, or "
        "care for someone in your family. Your experience has given you knowledge that no "
        "textbook can teach. This programme helps you use that knowledge to make health and care "
        "better, for yourself and for other people.</p>"
        "<p>The programme has four steps. Each step is a short course made up of lessons you can "
        "do at your own pace. Most lessons take between 15 and 45 minutes. You can stop at any "
        "time and pick up where you left off. Lessons use short videos with captions and "
        "transcripts, stories from peers, questions to think about and quick checks to help you "
        "remember what you have learned.</p>"
        "<p>You will not be on your own. Mentors who have finished the programme are here to "
        "encourage you, answer questions and share what worked for them. You can go as fast or as "
        "slowly as your health and life allow. Taking a break is part of the programme, not a "
        "failure.</p>"
    ),
    "who_can_join": (
        "<p>You can join if you have lived experience of health or care. That includes people "
        "who:</p>"
        "<ul><li>live with a long-term physical or mental health condition</li>"
        "<li>are disabled or neurodivergent</li>"
        "<li>look after a family member, partner or friend without being paid for it</li>"
        "<li>have used health or social care services and want to help improve them</li>"
        "</ul>"
        "<p>You do not need any qualifications or any experience of leadership. You do not need "
        "to feel well every day. Steps One, Two and Three are open to everyone. Step Four is for "
        "people who have finished the first three steps and want to support others as mentors or "
        "group facilitators.</p>"
        "<p>If you need the learning to work differently for you, please tell us. We can make "
        "reasonable adjustments, such as extra time, printed copies, large print, or a phone call "
        "instead of written work.</p>"
    ),
    "what_is_a_peer_leader": (
        "<p>A peer leader is someone who uses their own experience of health or care to help "
        "improve things for other people. Peer leaders do not need a job title. They lead by "
        "listening, speaking up, asking good questions and bringing people together.</p>"
        "<p>Peer leadership can look like:</p>"
        "<ul><li>joining a group that helps a GP practice plan its services</li>"
        "<li>sharing your story to help staff understand what care feels like</li>"
        "<li>helping to design a new leaflet, service or website</li>"
        "<li>running a support group or mentoring someone who is just starting out</li>"
        "</ul>"
        "<p>There is no single right way to be a peer leader. Some people lead in big meetings. "
        "Others lead quietly, one conversation at a time. Both matter.</p>"
    ),
    "co_production": (
        "<p>We built this programme with the people it is for. A group of people with lived "
        "experience worked alongside health and care staff from the very start. Together they "
        "chose the topics, wrote and tested the lessons, and decided how the programme should "
        "feel.</p>"
        "<p>The group met online and in person. Members were paid for their time, had their "
        "expenses covered and could take breaks whenever they needed. They tried out early "
        "versions of every lesson and told us what was confusing, tiring or missing. We changed "
        "the lessons because of what they said. For example, we made lessons shorter, added a "
        "transcript to every video and put a 'Look after yourself' section in each lesson.</p>"
        "<p>Co-production did not stop when the programme opened. Every learner can tell us what "
        "works and what does not, and a panel of graduates reviews the programme each year.</p>"
        "<p><em>The people and the process described in this demonstration are fictional.</em></p>"
    ),
    "search_description": (
        "An online peer leadership programme for people with lived experience of health "
        "conditions, disability or caring. Four steps, friendly mentors and plain English lessons."
    ),
}

#: Plain-language definitions. Lesson text links the first mention of each term.
GLOSSARY: list[dict[str, str]] = [
    {
        "term": "Personalised care",
        "definition": (
            "<p>Care that is planned around what matters to the person, as well as their health "
            "needs and strengths. People have choice and control over how their care is planned "
            "and given.</p>"
        ),
        "alternative_forms": "personalised approach, personalised support",
    },
    {
        "term": "Co-production",
        "definition": (
            "<p>A way of working where people who use services, carers and staff work together as "
            "equal partners and share power. They decide, design and review things together, from "
            "start to finish.</p>"
        ),
        "alternative_forms": "co-produce, co-produced, co-producing, coproduction",
    },
    {
        "term": "Lived experience",
        "definition": (
            "<p>Knowledge that comes from living through something yourself, such as having a "
            "health condition, being disabled or caring for someone. It is a real kind of "
            "expertise.</p>"
        ),
        "alternative_forms": "experts by experience, expert by experience",
    },
    {
        "term": "Peer leader",
        "definition": (
            "<p>Someone who uses their lived experience to help improve health and care for other "
            "people, for example by speaking up, joining groups or supporting peers.</p>"
        ),
        "alternative_forms": "peer leaders, peer leadership",
    },
    {
        "term": "Peer support",
        "definition": (
            "<p>Help and encouragement from people who have been through something similar. It "
            "works because peers understand each other in ways that other people may not.</p>"
        ),
        "alternative_forms": "peer supporter, peer supporters",
    },
    {
        "term": "Health inequalities",
        "definition": (
            "<p>Unfair differences in health between groups of people that could be avoided. For "
            "example, people living in poorer areas often have worse health and shorter lives "
            "than people in richer areas.</p>"
        ),
        "alternative_forms": "health inequality, inequalities in health",
    },
    {
        "term": "Reasonable adjustments",
        "definition": (
            "<p>Changes an organisation makes so that disabled people can use its services or "
            "take part on an equal basis. Examples include large print, extra time, a quiet room "
            "or a British Sign Language interpreter. In England, Scotland and Wales, the Equality "
            "Act 2010 makes this a legal duty.</p>"
        ),
        "alternative_forms": "reasonable adjustment",
    },
    {
        "term": "Shared decision making",
        "definition": (
            "<p>When a person and a health or care professional make a decision together. The "
            "professional explains the options, including their benefits and risks. The person "
            "explains what matters to them. Then they agree what to do.</p>"
        ),
        "alternative_forms": "shared decisions, shared decision",
    },
    {
        "term": "Self-management",
        "definition": (
            "<p>The things people do every day to look after their own health and live well with "
            "a condition, such as pacing, taking medicines or spotting early warning signs. Good "
            "support helps people build the knowledge, skills and confidence to do this.</p>"
        ),
        "alternative_forms": "self-manage, self-managing, self management",
    },
    {
        "term": "Social prescribing",
        "definition": (
            "<p>When a GP, nurse or other worker connects someone to local support that is not "
            "medical, such as a group, an activity, advice or volunteering. A link worker often "
            "helps the person find what suits them.</p>"
        ),
        "alternative_forms": "social prescriber, social prescription",
    },
    {
        "term": "Integrated care system",
        "definition": (
            "<p>A partnership in an area of England that brings together the NHS, local councils "
            "and others to plan health and care for the people who live there.</p>"
        ),
        "alternative_forms": "integrated care systems",
    },
    {
        "term": "Accessible information",
        "definition": (
            "<p>Information given in a way a person can read, hear or understand, such as easy "
            "read, large print, audio, braille or British Sign Language. NHS and adult social "
            "care services in England have a standard that says they must ask about and meet "
            "these needs.</p>"
        ),
        "alternative_forms": "accessible formats, accessible format",
    },
    {
        "term": "Safeguarding",
        "definition": (
            "<p>Protecting people's right to live safely, free from abuse and neglect. If you are "
            "worried that someone is at risk of harm, safeguarding means telling the right person "
            "so they can get help.</p>"
        ),
        "alternative_forms": "safeguarding lead",
    },
    {
        "term": "Involvement payment",
        "definition": (
            "<p>Money paid to people with lived experience for the time and skills they give to "
            "involvement work. It is separate from expenses such as travel. If you get benefits, "
            "check how a payment might affect them before you accept it.</p>"
        ),
        "alternative_forms": "involvement payments, payment for involvement",
    },
    {
        "term": "Mentor",
        "definition": (
            "<p>In this programme, a graduate who supports a newer learner by listening, "
            "encouraging and sharing what they have learned. A mentor is not a counsellor, a "
            "clinician or a manager.</p>"
        ),
        "alternative_forms": "mentors, mentoring",
    },
]

#: Fictional mentors: graduates of the programme who support learners.
MENTORS: list[dict[str, Any]] = [
    {
        "name": "Amara Okafor",
        "slug": "amara-okafor",
        "short_biography": (
            "Amara is a pharmacy technician from Birmingham who has lived with sickle cell "
            "disease since birth. She joined the programme after a hard stay in hospital. She now "
            "helps a hospital team plan better care for people in a pain crisis, and mentors "
            "learners who want to tell their story with confidence. (Fictional mentor created for "
            "this demonstration.)"
        ),
        "lived_experience": (
            "<p>I have sickle cell disease. For most of my life I felt I had to prove that my "
            "pain was real. After one long stay in hospital, I wrote down everything that had "
            "gone wrong and everything that had helped. That list became the start of my "
            "story.</p>"
            "<p>Today I sit on a patient panel at my local hospital. We helped write a new plan "
            "so that people in a pain crisis get pain relief faster. I still have bad days, and I "
            "plan my involvement work around them. I want you to know that your health does not "
            "have to be perfect for you to lead.</p>"
        ),
        "graduation_year": 2021,
        "areas_of_support": [
            "Telling your story",
            "Working with hospital teams",
            "Young adults moving to adult services",
            "Speaking up about pain",
        ],
        "languages": ["English", "Igbo"],
        "initials": "AO",
        "photo_alt_text": "Illustrated portrait placeholder showing the initials AO",
    },
    {
        "name": "Gareth Morgan",
        "slug": "gareth-morgan",
        "short_biography": (
            "Gareth is a retired bus driver from the South Wales valleys. He had a heart attack "
            "at 58 and now lives with heart failure. He chairs the patient group at his GP "
            "practice and loves helping nervous first-timers find their voice. He mentors "
            "learners on meetings, chairing and men's health. (Fictional mentor created for this "
            "demonstration.)"
        ),
        "lived_experience": (
            "<p>After my heart attack I felt like my life had shrunk. I went from driving a bus "
            "full of people to struggling up my own stairs. Cardiac rehab helped my body. Meeting "
            "other people in the same boat helped my head.</p>"
            "<p>A nurse asked me to join the patient group at my surgery. I said no twice. The "
            "third time I went, mostly for the biscuits. Now I chair it. I have learned that you "
            "do not need fancy words in meetings. You need to listen, ask 'what will this mean "
            "for patients?' and keep asking until you get an answer.</p>"
        ),
        "graduation_year": 2019,
        "areas_of_support": [
            "Patient participation groups",
            "Joining and chairing meetings",
            "Men's health",
            "Living with a heart condition",
        ],
        "languages": ["English", "Welsh"],
        "initials": "GM",
        "photo_alt_text": "Illustrated portrait placeholder showing the initials GM",
    },
    {
        "name": "Priya Sharma",
        "slug": "priya-sharma",
        "short_biography": (
            "Priya is a mum of three from Leicester. Her eldest son has a learning disability and "
            "epilepsy, and she has spent years joining up his care between school, hospital and "
            "social care. She now helps local services co-produce support for families. She "
            "mentors family carers and anyone asking for reasonable adjustments. (Fictional "
            "mentor created for this demonstration.)"
        ),
        "lived_experience": (
            "<p>I am a family carer. My son Dev is 19. He has a learning disability and epilepsy, "
            "and he is funny, stubborn and kind. For years I was the person who held all the "
            "information. I told his story again and again to every new professional.</p>"
            "<p>Things changed when a hospital nurse asked me, 'What would make this visit easier "
            "for Dev?' Nobody had asked that before. Now I help services ask better questions. I "
            "also help other parents and carers speak up without burning out. Caring builds real "
            "skills, and I want carers to see that too.</p>"
        ),
        "graduation_year": 2022,
        "areas_of_support": [
            "Family carers",
            "Reasonable adjustments",
            "Learning disability",
            "Moving from children's to adult services",
        ],
        "languages": ["English", "Punjabi", "Hindi"],
        "initials": "PS",
        "photo_alt_text": "Illustrated portrait placeholder showing the initials PS",
    },
    {
        "name": "Tomasz Nowak",
        "slug": "tomasz-nowak",
        "short_biography": (
            "Tomasz moved from Poland to Leeds as a teenager. He lives with bipolar disorder and "
            "works part time as a peer support worker in a community mental health team. He is a "
            "keen runner and an honest voice about relapse and recovery. He mentors learners on "
            "peer support, boundaries and wellbeing. (Fictional mentor created for this "
            "demonstration.)"
        ),
        "lived_experience": (
            "<p>I was told I had bipolar disorder when I was 22, after a stay in hospital. At "
            "first I hid it from everyone. Later I found a peer support group, and for the first "
            "time I met people who just got it.</p>"
            "<p>Now I am a peer support worker. The biggest lesson I have learned is about "
            "boundaries. I used to say yes to everything, and I became unwell again. Now I have a "
            "wellbeing plan, I talk things through with my supervisor, and I say 'let me get back "
            "to you' before I agree to anything. Looking after myself is how I keep helping "
            "others.</p>"
        ),
        "graduation_year": 2023,
        "areas_of_support": [
            "Mental health peer support",
            "Boundaries and wellbeing",
            "Relapse and recovery",
            "Coaching-style conversations",
        ],
        "languages": ["English", "Polish"],
        "initials": "TN",
        "photo_alt_text": "Illustrated portrait placeholder showing the initials TN",
    },
    {
        "name": "Margaret Holloway",
        "slug": "margaret-holloway",
        "short_biography": (
            "Margaret is a retired primary school teacher from Norwich. She has been Deaf since "
            "childhood, uses British Sign Language and lives with type 2 diabetes. She trains "
            "health staff in Deaf awareness and helps groups make meetings and information work "
            "for everyone. She mentors learners on accessible information and facilitation. "
            "(Fictional mentor created for this demonstration.)"
        ),
        "lived_experience": (
            "<p>I became Deaf after an illness when I was four. British Sign Language is my first "
            "language. For most of my life, health appointments have meant guessing, lip-reading "
            "and missing things. Once I was given the wrong instructions for my diabetes medicine "
            "because there was no interpreter.</p>"
            "<p>I decided to turn my anger into action. I now help clinics plan for interpreters "
            "and write clearer letters. I love facilitation, because a good facilitator makes "
            "sure every person in the room can take part. I taught children for thirty years. "
            "Adults are not so different: everyone learns better when they feel safe.</p>"
        ),
        "graduation_year": 2020,
        "areas_of_support": [
            "Accessible information",
            "Deaf awareness",
            "Facilitating groups",
            "Living with diabetes",
        ],
        "languages": ["British Sign Language", "English"],
        "initials": "MH",
        "photo_alt_text": "Illustrated portrait placeholder showing the initials MH",
    },
    {
        "name": "Jordan Reid",
        "slug": "jordan-reid",
        "short_biography": (
            "Jordan (they/them) is a former graphic designer from Glasgow. They have lived with "
            "ME/CFS for eight years and mostly take part from home, in short bursts. Jordan helps "
            "groups design involvement that works for people with little energy. They mentor "
            "learners on pacing, taking part online and LGBTQ+ inclusion. (Fictional mentor "
            "created for this demonstration.)"
        ),
        "lived_experience": (
            "<p>I became ill with ME/CFS after a virus when I was 27. I went from full-time work "
            "to spending most days in bed. For a long time I thought my useful life was over.</p>"
            "<p>Peer leadership gave me a way back in, on my own terms. I take part from home, "
            "with my camera off when I need it. I ask for papers early so I can read them in "
            "small chunks. I have learned that asking for what I need is not being difficult. It "
            "is how I do my best work. I want every learner to know that their energy limits are "
            "welcome here.</p>"
        ),
        "graduation_year": 2024,
        "areas_of_support": [
            "Pacing and energy",
            "Taking part online",
            "LGBTQ+ inclusion",
            "Designing accessible involvement",
        ],
        "languages": ["English"],
        "initials": "JR",
        "photo_alt_text": "Illustrated portrait placeholder showing the initials JR",
    },
]


# Step 1, lesson 1: What is a peer leader?
_STEP_ONE_LESSON_1: dict[str, Any] = {
    "title": "What is a peer leader?",
    "slug": "what-is-a-peer-leader",
    "summary": (
        "Meet the idea of peer leadership. Find out how people with lived experience help to "
        "improve health and care, and why your experience counts as expertise."
    ),
    "estimated_minutes": 15,
    "completion": ["reached_end"],
    "mentors": ["amara-okafor"],
    "body": [
        {
            "type": "heading",
            "value": {
                "text": "Your experience is expertise",
                "level": "h2",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>Doctors, nurses and managers know a lot about illness and services. But you "
                "know something they often do not: what it is like to live with a condition, or "
                "to care for someone, every single day. You know which letters are confusing, "
                "which waiting rooms feel unwelcoming, and which small kindness made a hard day "
                "better. This is lived experience, and it is a real kind of expertise.</p>"
                "<p>A peer leader uses that expertise to help make things better for other "
                "people. 'Peer' means someone who shares a similar experience. 'Leader' does not "
                "mean being in charge. It means helping things move in a better direction. You "
                "can lead by asking a good question, by sharing a story at the right moment, or "
                "by helping someone new feel welcome.</p>"
            ),
        },
        {
            "type": "image",
            "value": {
                "illustration": "circles",
                "alt_text": (
                    "Three overlapping coloured circles labelled Me, My community and Services"
                ),
                "decorative": False,
                "caption": (
                    "Peer leaders often work where people, communities and services overlap."
                ),
            },
        },
        {
            "type": "video",
            "value": {
                "title": "Amara on how she became a peer leader (fictional mentor)",
                "transcript": (
                    "<p>Hello, I'm Amara. I've lived with sickle cell disease all my life. For "
                    "years I thought my only job was to be a patient. Then someone asked me what "
                    "would have made my last hospital stay better. I had so many answers. That "
                    "question is how I started as a peer leader.</p>"
                    "<p>My first step was small. I went to one meeting of a patient panel and "
                    "said nothing. At the second meeting I asked one question. By the end of the "
                    "year I was helping to write a new plan for people in a pain crisis. You "
                    "don't have to start big. You just have to start.</p>"
                    "<p><em>Amara is a fictional mentor created for this demonstration.</em></p>"
                ),
                "captions": [
                    "Hello, I'm Amara.",
                    "I've lived with sickle cell disease all my life.",
                    "For years I thought my only job was to be a patient.",
                    "Then someone asked me what would have made my last hospital stay better.",
                    "I had so many answers.",
                    "That question is how I started as a peer leader.",
                ],
            },
        },
        {
            "type": "heading",
            "value": {
                "text": "What peer leaders do",
                "level": "h3",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>Peer leadership can take many forms. Here are some things past learners have "
                "done:</p>"
                "<ul><li>helped a GP practice rewrite its text messages so they are easier to "
                "understand</li>"
                "<li>told their story at a training day for new staff</li>"
                "<li>tested a new website and showed where it was hard to use</li>"
                "<li>started a monthly coffee morning for family carers</li>"
                "<li>sat on an interview panel for a new service manager</li>"
                "</ul>"
                "<p>None of these needed a job title or a qualification. Each one started with "
                "someone noticing something and deciding to act. Peer leadership also includes "
                "peer support: the everyday help that people with shared experiences give each "
                "other. A kind word from someone who has been there can mean more than a leaflet "
                "ever could.</p>"
            ),
        },
        {
            "type": "inset_text",
            "value": {
                "body": (
                    "<p>You can lead at your own pace. Some peer leaders give an hour a month. "
                    "Others do more. Your health and your life come first.</p>"
                ),
            },
        },
        {
            "type": "peer_story",
            "value": {
                "title": "From waiting room to working group",
                "story": (
                    "<p>I went to the same clinic for my arthritis for six years. The waiting "
                    "room had no chairs with arms, so getting up was painful. I mentioned it on a "
                    "feedback form and heard nothing. Then I joined the clinic's patient group. I "
                    "brought it up again, calmly, and explained how it felt to struggle to stand "
                    "up in front of everyone. The manager had never thought about it. Two months "
                    "later, new chairs arrived. It was a small change. But it showed me that my "
                    "voice could make a difference.</p>"
                ),
                "storyteller": "Hazel",
                "context": (
                    "Fictional storyteller who lives with rheumatoid arthritis, Step One graduate"
                ),
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": (
                    "Leadership is not about having the loudest voice. It is about noticing what "
                    "others miss, and caring enough to say so."
                ),
                "attribution": "Jordan Reid, mentor (fictional)",
            },
        },
        {
            "type": "details",
            "value": {
                "title": "Do I need to be well to be a peer leader?",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>No. Many peer leaders live with conditions that go up and down. "
                            "Good involvement work plans for this. You can ask for flexible "
                            "deadlines, online options and breaks. You can step back when you "
                            "need to and come back later. Being honest about your limits is a "
                            "leadership skill in itself.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "reflection_prompt",
            "value": {
                "prompt": (
                    "Think of a time when you noticed something in health or care that could have "
                    "been better. What was it, and what would have helped?"
                ),
                "guidance": (
                    "There are no wrong answers. It can be something small, like a confusing "
                    "letter, or something big. A few sentences is enough. Your reflections are "
                    "private to you."
                ),
            },
        },
        {
            "type": "warning_callout",
            "value": {
                "title": "Look after yourself",
                "heading_level": 3,
                "body": (
                    "<p>Thinking about past experiences of care can bring back strong feelings. "
                    "Even good memories can be tiring. Take breaks when you need them. You never "
                    "have to write about anything you would rather keep private.</p>"
                ),
            },
        },
        {
            "type": "care_card",
            "value": {
                "type": "primary",
                "heading_level": 3,
                "title": "If thinking about your experiences brings up difficult feelings",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>It is normal to feel upset, angry or tired after thinking about "
                            "hard times. Talking to someone you trust can help. You can also:</p>"
                            "<ul><li>talk to your GP</li>"
                            "<li>call NHS 111 if you need help quickly but it is not an "
                            "emergency</li>"
                            "<li>call Samaritans free on 116 123, any time of day or night</li>"
                            "</ul>"
                            "<p>If you or someone else is in danger right now, call 999.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "knowledge_check",
            "value": {
                "title": "Check your understanding",
                "questions": [
                    {
                        "question": "Which of these best describes a peer leader?",
                        "options": [
                            {
                                "text": (
                                    "Someone who uses their lived experience to help improve "
                                    "health and care for others"
                                ),
                                "correct": True,
                                "feedback": (
                                    "That's right. A peer leader uses what they have learned from "
                                    "their own experience to help make things better for other "
                                    "people."
                                ),
                            },
                            {
                                "text": "Someone who has a senior job in the NHS",
                                "correct": False,
                                "feedback": (
                                    "Not quite. Peer leaders do not need a job title. Some work "
                                    "in the NHS, but most lead in other ways, such as joining "
                                    "groups or supporting peers."
                                ),
                            },
                            {
                                "text": "Someone who has fully recovered from their condition",
                                "correct": False,
                                "feedback": (
                                    "Not quite. You do not need to be recovered, or well every "
                                    "day. Many peer leaders live with conditions that change over "
                                    "time."
                                ),
                            },
                        ],
                    },
                    {
                        "question": "What counts as lived experience?",
                        "options": [
                            {
                                "text": "Only having a diagnosis from a doctor",
                                "correct": False,
                                "feedback": (
                                    "Not quite. You do not need a diagnosis. Lived experience can "
                                    "also come from caring for someone, being disabled or using "
                                    "services."
                                ),
                            },
                            {
                                "text": (
                                    "Knowledge from living through something yourself, such as "
                                    "having a condition or caring for someone"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Yes. Lived experience is the knowledge you gain by living "
                                    "through something. It is a real kind of expertise."
                                ),
                            },
                            {
                                "text": "Having read a lot about a condition",
                                "correct": False,
                                "feedback": (
                                    "Not quite. Reading is useful, but lived experience comes "
                                    "from your own life, not from books or websites."
                                ),
                            },
                        ],
                    },
                ],
            },
        },
        {
            "type": "discussion_prompt",
            "value": {
                "prompt": (
                    "Share one example of peer leadership you have seen, big or small. What made "
                    "it work?"
                ),
                "guidance": (
                    "It could be something you did, or something you saw someone else do. Keep "
                    "other people's personal details private. Reply to at least one other learner "
                    "with something you found interesting."
                ),
            },
        },
    ],
}


# Step 1, lesson 2: Your strengths and your story
_STEP_ONE_LESSON_2: dict[str, Any] = {
    "title": "Your strengths and your story",
    "slug": "your-strengths-and-your-story",
    "summary": (
        "Find the strengths and skills your experience has given you. Then learn a simple way to "
        "tell a short version of your story, with a clear purpose, in about 90 seconds."
    ),
    "estimated_minutes": 40,
    "completion": ["reached_end", "reflections_saved"],
    "mentors": ["amara-okafor", "jordan-reid"],
    "body": [
        {
            "type": "heading",
            "value": {
                "text": "Strengths you might not have noticed",
                "level": "h2",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>Living with a condition or caring for someone builds skills. Often we do not "
                "notice them, because they feel like just getting through the day. A "
                "strengths-based approach means starting with what you can do and what you know, "
                "not only with what is hard.</p>"
                "<p>Try this quick exercise. Write down three things you have had to do because "
                "of your health or your caring role. Then, next to each one, write the skill it "
                "needed. For example:</p>"
                "<ul><li>'Kept track of ten different medicines' shows "
                "<strong>organisation</strong> and <strong>attention to detail</strong>.</li>"
                "<li>'Explained my son's needs to every new nurse' shows <strong>clear "
                "communication</strong> and <strong>patience</strong>.</li>"
                "<li>'Worked out how to pace my energy' shows <strong>planning</strong> and "
                "<strong>problem solving</strong>.</li>"
                "<li>'Challenged a wrong decision about my benefits' shows "
                "<strong>courage</strong> and <strong>research</strong>.</li>"
                "</ul>"
                "<p>These are the same skills peer leaders use. You probably have more of them "
                "than you think.</p>"
            ),
        },
        {
            "type": "image",
            "value": {
                "illustration": "hands",
                "alt_text": (
                    "Five simple figures in different colours standing side by side, each a "
                    "rounded body with a round head"
                ),
                "decorative": False,
                "caption": "Everyone brings different strengths.",
            },
        },
        {
            "type": "reflection_prompt",
            "value": {
                "prompt": (
                    "What are three strengths your experience of health, disability or caring has "
                    "given you?"
                ),
                "guidance": (
                    "Use the exercise above. Start with something you had to do, then name the "
                    "skill behind it. If you get stuck, ask yourself what a good friend would say "
                    "you are good at."
                ),
            },
        },
        {
            "type": "heading",
            "value": {
                "text": "Telling your story in 90 seconds",
                "level": "h2",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>Your whole story might take hours to tell. In most peer leadership settings "
                "you will have much less time, often a minute or two. A short story with a clear "
                "purpose is more powerful than a long one. It also protects you, because you "
                "choose what to share.</p>"
                "<p>Use these four parts. We call it the <strong>Then, Turn, Now, Ask</strong> "
                "story:</p>"
                "<ol><li><strong>Then</strong> (about 20 seconds): set the scene. Who are you, "
                "and what was happening? Keep it to one or two sentences.</li>"
                "<li><strong>Turn</strong> (about 30 seconds): the moment that mattered. What "
                "went wrong, or what made a difference? Describe one moment in detail rather than "
                "many in a rush.</li>"
                "<li><strong>Now</strong> (about 20 seconds): what you learned, or how things are "
                "for you now.</li>"
                "<li><strong>Ask</strong> (about 20 seconds): what you want your listeners to "
                "think, feel or do. This is your purpose.</li>"
                "</ol>"
                "<p>Before you write, ask yourself two questions. Who am I telling this to? And "
                "what do I want to change? A story for a group of student nurses will be "
                "different from a story for a board deciding how to spend money. About 200 words, "
                "spoken at a relaxed pace, takes around 90 seconds.</p>"
            ),
        },
        {
            "type": "video",
            "value": {
                "title": "Jordan tells a 90-second story (fictional mentor)",
                "transcript": (
                    "<p>I'm Jordan, and I live with ME/CFS. Eight years ago I was a designer "
                    "working long days. After a virus, I couldn't get out of bed for months. The "
                    "turning point was one appointment. A physiotherapist asked me how much "
                    "energy I had on a good day. Then she helped me plan my week around that, "
                    "with rest built in. For the first time, I felt believed.</p>"
                    "<p>Now I pace my days, and I take part in involvement work from home. My ask "
                    "to you is simple. When someone tells you they are exhausted, ask what their "
                    "good day looks like, and start there.</p>"
                    "<p><em>Jordan is a fictional mentor created for this demonstration. This "
                    "story follows the Then, Turn, Now, Ask pattern.</em></p>"
                ),
                "captions": [
                    "I'm Jordan, and I live with ME/CFS.",
                    "Eight years ago I was a designer working long days.",
                    "After a virus, I couldn't get out of bed for months.",
                    "The turning point was one appointment.",
                    "A physiotherapist asked me how much energy I had on a good day.",
                    "Then she helped me plan my week around that, with rest built in.",
                ],
            },
        },
        {
            "type": "inset_text",
            "value": {
                "body": (
                    "<p>You own your story. You can change it, shorten it or stop telling it at "
                    "any time. You never have to share details about your diagnosis, your body, "
                    "your money or your family to be taken seriously.</p>"
                ),
            },
        },
        {
            "type": "details",
            "value": {
                "title": "How to decide what to keep private",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>Try sorting the parts of your story into three groups:</p>"
                            "<ul><li><strong>Open</strong>: things you are happy to share with "
                            "anyone.</li>"
                            "<li><strong>Sometimes</strong>: things you might share with a small "
                            "group you trust, for a good reason.</li>"
                            "<li><strong>Private</strong>: things you keep for yourself and the "
                            "people closest to you.</li>"
                            "</ul>"
                            "<p>Only use the open parts when you speak in public. Think about the "
                            "other people in your story too. Ask before you share details about a "
                            "family member, and leave out names.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "peer_story",
            "value": {
                "title": "The story I stopped telling",
                "story": (
                    "<p>When I first shared my story about my wife's dementia, I told all of it: "
                    "the diagnosis, the arguments, the night she got lost. I cried in front of a "
                    "room of strangers and went home shaking. A mentor helped me think about my "
                    "purpose. I wanted staff to involve carers earlier. So now I tell one moment: "
                    "the day a nurse explained the care plan to me as well as to my wife, and how "
                    "much calmer we both felt. It takes ninety seconds. People remember it, and I "
                    "go home feeling fine.</p>"
                ),
                "storyteller": "Dennis",
                "context": "Fictional storyteller, family carer for his wife, Step One graduate",
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": "My story is not a wound I show people. It is a tool I use on purpose.",
                "attribution": "Amara Okafor, mentor (fictional)",
            },
        },
        {
            "type": "warning_callout",
            "value": {
                "title": "Look after yourself",
                "heading_level": 3,
                "body": (
                    "<p>Write your story when you have some energy and time, not late at night or "
                    "on a bad day. If part of your story still feels raw, leave it out for now. A "
                    "story that still hurts to tell is not ready to share in public, and that is "
                    "fine.</p>"
                ),
            },
        },
        {
            "type": "care_card",
            "value": {
                "type": "primary",
                "heading_level": 3,
                "title": "If sharing your story brings up difficult feelings",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>Telling your story can stir up memories you were not expecting. "
                            "Be kind to yourself afterwards. Plan something calming, and talk to "
                            "someone you trust. If you are struggling, you can:</p>"
                            "<ul><li>talk to your GP</li>"
                            "<li>call NHS 111 if you need help quickly but it is not an "
                            "emergency</li>"
                            "<li>call Samaritans free on 116 123, any time of day or night</li>"
                            "</ul>"
                            "<p>Your mentor is also happy to talk things through, although they "
                            "are not a counsellor.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "reflection_prompt",
            "value": {
                "prompt": (
                    "Write a first draft of your 90-second story using Then, Turn, Now, Ask. Who "
                    "is it for, and what is your ask?"
                ),
                "guidance": (
                    "Aim for about 200 words. Read it out loud and time yourself. It does not "
                    "need to be perfect. You can come back and change it whenever you like."
                ),
            },
        },
        {
            "type": "knowledge_check",
            "value": {
                "title": "Check your understanding",
                "questions": [
                    {
                        "question": "In the Then, Turn, Now, Ask story, what is the 'Ask'?",
                        "options": [
                            {
                                "text": (
                                    "What you want your listeners to think, feel or do after "
                                    "hearing your story"
                                ),
                                "correct": True,
                                "feedback": (
                                    "That's right. The Ask is your purpose. It turns a story into "
                                    "something that can lead to change."
                                ),
                            },
                            {
                                "text": "A chance for the audience to ask you personal questions",
                                "correct": False,
                                "feedback": (
                                    "Not quite. You can take questions if you want to, but you "
                                    "never have to answer personal ones. The Ask is what you want "
                                    "your listeners to do."
                                ),
                            },
                            {
                                "text": "A list of every problem you have faced",
                                "correct": False,
                                "feedback": (
                                    "Not quite. A short story about one clear moment works better "
                                    "than a long list. The Ask is your purpose: the change you "
                                    "want."
                                ),
                            },
                        ],
                    },
                    {
                        "question": (
                            "Your story includes your brother's mental health crisis. What is the "
                            "most respectful thing to do?"
                        ),
                        "options": [
                            {
                                "text": "Share every detail, because it is your story too",
                                "correct": False,
                                "feedback": (
                                    "It is understandable to feel that way, because it affected "
                                    "you too. But other people have a right to privacy. Ask "
                                    "first, or leave out the details that are theirs to tell."
                                ),
                            },
                            {
                                "text": (
                                    "Ask your brother first, or leave out details and names that "
                                    "are his to share"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Yes. The other people in your story have a right to privacy. "
                                    "Asking first, or leaving out their details, shows respect."
                                ),
                            },
                            {
                                "text": "Never mention your family at all",
                                "correct": False,
                                "feedback": (
                                    "Not quite. You can talk about how things affected you. Just "
                                    "take care with details that belong to someone else, and ask "
                                    "when you can."
                                ),
                            },
                        ],
                    },
                ],
            },
        },
        {
            "type": "discussion_prompt",
            "value": {
                "prompt": (
                    "If you feel comfortable, share the 'Turn' moment from your story with your "
                    "group. What did others find most powerful?"
                ),
                "guidance": (
                    "Share only the parts of your story you have sorted as open. When you reply "
                    "to others, say what stayed with you rather than giving advice. Thank people "
                    "for sharing."
                ),
            },
        },
    ],
}


# Step 1, lesson 3: Personalised care: what matters to you
_STEP_ONE_LESSON_3: dict[str, Any] = {
    "title": "Personalised care: what matters to you",
    "slug": "personalised-care-what-matters-to-you",
    "summary": (
        "Learn what personalised care is, how shared decision making works, and how "
        "self-management support, care plans and social prescribing can help. Find practical ways "
        "to ask for care that fits your life."
    ),
    "estimated_minutes": 30,
    "completion": ["reached_end", "knowledge_checks_answered"],
    "mentors": ["jordan-reid"],
    "body": [
        {
            "type": "heading",
            "value": {
                "text": "Care that fits your life",
                "level": "h2",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>For a long time, health care focused mostly on what was wrong with people's "
                "bodies or minds. Personalised care adds another question: what matters to you? "
                "It means care that is planned around your life, your strengths and your goals, "
                "not only your diagnosis. You have choice and control, and professionals work "
                "with you as a partner.</p>"
                "<p>Personalised care is not one single service. It is a way of working that "
                "shows up in many places. Here are some of the parts you may come across:</p>"
                "<ul><li><strong>Shared decision making</strong>: you and a professional look at "
                "the options together, including waiting or doing nothing for now, and decide "
                "what is right for you.</li>"
                "<li><strong>Personalised care and support planning</strong>: a conversation that "
                "leads to a written plan, in your words, about your goals and the support you "
                "need.</li>"
                "<li><strong>Self-management support</strong>: help to build the knowledge, "
                "skills and confidence to look after your own health day to day.</li>"
                "<li><strong>Social prescribing</strong>: a link worker connects you with local "
                "groups, activities or advice, such as a walking group or help with debt.</li>"
                "<li><strong>Personal health budgets</strong>: for some people, an amount of "
                "money to spend on their care in a way that suits them.</li>"
                "</ul>"
            ),
        },
        {
            "type": "image",
            "value": {
                "illustration": "bridge",
                "alt_text": "A simple drawing of an arched bridge over water",
                "decorative": False,
                "caption": "Shared decision making brings two kinds of expertise together.",
            },
        },
        {
            "type": "video",
            "value": {
                "title": "Jordan on asking for what matters (fictional mentor)",
                "transcript": (
                    "<p>When I first got ill, I went to appointments and just answered questions. "
                    "I never asked any of my own. Then I started bringing a small card with three "
                    "things written on it. What matters to me this month. What I want to ask. And "
                    "what I need to go home knowing.</p>"
                    "<p>It changed the whole conversation. My doctor started asking about my "
                    "goals, not just my symptoms. We made decisions together. That's what "
                    "personalised care feels like from the patient's side of the desk.</p>"
                    "<p><em>Jordan is a fictional mentor created for this demonstration.</em></p>"
                ),
                "captions": [
                    "When I first got ill, I went to appointments and just answered questions.",
                    "I never asked any of my own.",
                    "Then I started bringing a small card with three things written on it.",
                    "What matters to me this month.",
                    "What I want to ask.",
                    "And what I need to go home knowing.",
                ],
            },
        },
        {
            "type": "heading",
            "value": {
                "text": "Questions you can take to any appointment",
                "level": "h3",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>You can make your own appointment card, like Jordan's. Before you go, write "
                "down the one thing that matters most to you right now, and the one question you "
                "most want answered. Here are some questions other learners have found useful:</p>"
                "<ul><li>'My main goal is to get back to work part time. What would you suggest "
                "with that in mind?'</li>"
                "<li>'How would this fit with my caring role, or my other conditions?'</li>"
                "<li>'What happens if I try this and it doesn't suit me?'</li>"
                "<li>'Is there anything I can do myself that would help?'</li>"
                "<li>'Who can I contact if I have questions after today?'</li>"
                "</ul>"
                "<p>It is fine to say 'I need time to think about this' or 'Could you write that "
                "down for me?'. If you find it hard to take things in, you can ask to bring "
                "someone with you, or ask for a follow-up phone call. These are all reasonable "
                "requests.</p>"
            ),
        },
        {
            "type": "inset_text",
            "value": {
                "body": (
                    "<p>Personalised care does not mean you have to manage everything on your "
                    "own. Self-management is about having the right support to look after "
                    "yourself in a way that works for you. It should never be used as a reason to "
                    "leave you without help.</p>"
                ),
            },
        },
        {
            "type": "peer_story",
            "value": {
                "title": "A community garden, not just a prescription",
                "story": (
                    "<p>After my husband died, I stopped going out. My blood pressure was high "
                    "and I felt low. My GP asked what I used to enjoy. I said gardening. She put "
                    "me in touch with a social prescribing link worker, who found a community "
                    "garden ten minutes from my flat. I was nervous the first week. Now I go "
                    "twice a week, I have made three good friends, and my blood pressure is "
                    "better. Nobody had asked me what I enjoyed for years.</p>"
                ),
                "storyteller": "Shirin",
                "context": (
                    "Fictional storyteller who lives with high blood pressure, Step One learner"
                ),
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": (
                    "The best appointment I ever had started with one question: what would a good "
                    "month look like for you?"
                ),
                "attribution": "Callum, Step One learner (fictional)",
            },
        },
        {
            "type": "details",
            "value": {
                "title": "What is a personalised care and support plan?",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>It is a written record of a conversation between you and a "
                            "professional about your health and your life. A good plan is written "
                            "in your words. It includes what matters to you, your goals, the "
                            "support you will get, the things you will do yourself, and who to "
                            "contact if things change.</p>"
                            "<p>You should get a copy, and the plan should be looked at again "
                            "when your needs change. If you have never been offered one, you can "
                            "ask your GP practice or care team about it.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "reflection_prompt",
            "value": {
                "prompt": (
                    "If a professional asked you 'what matters to you right now?', what would you "
                    "say?"
                ),
                "guidance": (
                    "Think about your whole life, not just your health. It might be work, family, "
                    "a hobby, sleep, or being able to get to the shops. Try to name one or two "
                    "things."
                ),
            },
        },
        {
            "type": "warning_callout",
            "value": {
                "title": "Look after yourself",
                "heading_level": 3,
                "body": (
                    "<p>Some people have had care that felt anything but personal. If this lesson "
                    "brings up frustration about how you have been treated, that is "
                    "understandable. Notice the feeling and take a break if you need one. Your "
                    "experience is exactly why your voice is needed.</p>"
                ),
            },
        },
        {
            "type": "care_card",
            "value": {
                "type": "primary",
                "heading_level": 3,
                "title": "If you are unhappy with your care",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>You have the right to raise concerns about your NHS care. You can "
                            "start by talking to the person or team involved. Most hospitals have "
                            "a patient advice service that can help sort out problems informally. "
                            "You can also make a formal complaint.</p>"
                            "<p>If your health is getting worse, do not wait. Contact your GP or "
                            "call NHS 111. In an emergency, call 999.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "knowledge_check",
            "value": {
                "title": "Check your understanding",
                "questions": [
                    {
                        "question": "Which of these is an example of shared decision making?",
                        "options": [
                            {
                                "text": (
                                    "Your doctor tells you which treatment you will have and "
                                    "books it"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Not quite. Here the doctor has decided alone. In shared "
                                    "decision making, you look at the options together and your "
                                    "views shape the decision."
                                ),
                            },
                            {
                                "text": (
                                    "You and your nurse talk through the options, including "
                                    "waiting, and agree what suits your life"
                                ),
                                "correct": True,
                                "feedback": (
                                    "That's right. You both bring expertise: the nurse knows the "
                                    "evidence, and you know your life and what matters to you."
                                ),
                            },
                            {
                                "text": (
                                    "You read about treatments online and choose one without "
                                    "talking to anyone"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Not quite. Finding information is useful, but shared "
                                    "decision making means deciding together with a professional, "
                                    "so you get the full picture."
                                ),
                            },
                        ],
                    },
                    {
                        "question": "What does a social prescribing link worker do?",
                        "options": [
                            {
                                "text": "Prescribes medicines instead of your GP",
                                "correct": False,
                                "feedback": (
                                    "Not quite. Link workers do not prescribe medicines. They "
                                    "help you find support that is not medical."
                                ),
                            },
                            {
                                "text": (
                                    "Connects you with local support such as groups, activities "
                                    "or advice"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Yes. Link workers take time to find out what matters to you, "
                                    "then help you connect with support in your community."
                                ),
                            },
                            {
                                "text": "Checks whether you are allowed to use NHS services",
                                "correct": False,
                                "feedback": (
                                    "Not quite. That is not their role. A link worker helps you "
                                    "find local support that could improve your wellbeing."
                                ),
                            },
                        ],
                    },
                ],
            },
        },
        {
            "type": "discussion_prompt",
            "value": {
                "prompt": (
                    "What is one question you wish you had asked at a past appointment? Share it "
                    "with your group."
                ),
                "guidance": (
                    "Gather the group's questions into one shared list. You may find a question "
                    "someone else suggested that you want to use next time."
                ),
            },
        },
    ],
}


# Step 2, lesson 1: What co-production really means
_STEP_TWO_LESSON_1: dict[str, Any] = {
    "title": "What co-production really means",
    "slug": "what-co-production-really-means",
    "summary": (
        "Find out what makes co-production different from being asked for your opinion. Learn to "
        "recognise four levels of involvement and the signs of a real partnership."
    ),
    "estimated_minutes": 35,
    "completion": ["reached_end", "knowledge_checks_answered"],
    "mentors": ["priya-sharma"],
    "body": [
        {
            "type": "heading",
            "value": {
                "text": "Doing with, not doing to",
                "level": "h2",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>Co-production means people who use services, carers and staff working "
                "together as equal partners. They share power. Together they decide what the "
                "problem is, design the answer, and check whether it worked. It is different from "
                "being asked to comment on a plan that is already finished.</p>"
                "<p>Not every project needs full co-production, and not every project that uses "
                "the word is really doing it. It helps to know the difference. Here is one simple "
                "way to think about four levels of involvement:</p>"
                "<ol><li><strong>Informing</strong>: you are told what is happening. This is "
                "useful, but you have no say.</li>"
                "<li><strong>Consulting</strong>: you are asked for your views, often through a "
                "survey. Other people still make the decision.</li>"
                "<li><strong>Involving</strong>: you take part in discussions and your ideas "
                "shape the plan, but other people make the final call.</li>"
                "<li><strong>Co-producing</strong>: you are there from the start, you share the "
                "decisions, and you help check the results.</li>"
                "</ol>"
                "<p>All four levels can be right in the right place. Problems start when a "
                "project says it is co-produced but only consults. Knowing the levels helps you "
                "ask honest questions about what is on offer.</p>"
            ),
        },
        {
            "type": "image",
            "value": {
                "illustration": "steps",
                "alt_text": (
                    "Four coloured blocks rising like a staircase from left to right, numbered 1 "
                    "to 4"
                ),
                "decorative": False,
                "caption": (
                    "Four levels of involvement: informing, consulting, involving and "
                    "co-producing. Each one gives people with lived experience more say."
                ),
            },
        },
        {
            "type": "video",
            "value": {
                "title": "Priya on being a partner, not a guest (fictional mentor)",
                "transcript": (
                    "<p>The first time I joined a project, I was invited to the last meeting. The "
                    "leaflet was already printed. They wanted me to say it was lovely. The second "
                    "time was different. I was there from the first meeting. We wrote the brief "
                    "together. When the project lead and I disagreed, we talked it through until "
                    "we found something we could both live with.</p>"
                    "<p>That's how I know the difference between being a guest and being a "
                    "partner. A guest is polite. A partner is useful. Services need partners.</p>"
                    "<p><em>Priya is a fictional mentor created for this demonstration.</em></p>"
                ),
                "captions": [
                    "The first time I joined a project, I was invited to the last meeting.",
                    "The leaflet was already printed.",
                    "They wanted me to say it was lovely.",
                    "The second time was different.",
                    "I was there from the first meeting.",
                    "We wrote the brief together.",
                ],
            },
        },
        {
            "type": "heading",
            "value": {
                "text": "Signs of real co-production",
                "level": "h3",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>You can often tell how real a partnership is by looking at practical things. "
                "Look for these signs:</p>"
                "<ul><li>People with lived experience are involved <strong>before</strong> the "
                "problem and the plan are decided.</li>"
                "<li>There is more than one person with lived experience, so no one has to speak "
                "for everyone.</li>"
                "<li>Meeting times, places and papers work for the people taking part.</li>"
                "<li>People are paid or thanked fairly for their time, and their expenses are "
                "covered.</li>"
                "<li>Jargon is explained, and anyone can ask 'what does that mean?'.</li>"
                "<li>Decisions are written down, and you hear what happened to your ideas.</li>"
                "</ul>"
                "<p>If some of these are missing, it does not mean you should walk away. It gives "
                "you something specific to ask for.</p>"
            ),
        },
        {
            "type": "inset_text",
            "value": {
                "body": (
                    "<p>Here is a useful question to ask at the start of any project: 'What can "
                    "we still change?' The answer tells you how much real influence you will "
                    "have.</p>"
                ),
            },
        },
        {
            "type": "peer_story",
            "value": {
                "title": "The appointment letter we rewrote together",
                "story": (
                    "<p>Our hospital's outpatient letters were two pages of small print. Lots of "
                    "people missed their appointments. Instead of writing a new letter and asking "
                    "us to comment, the team invited four patients and two carers to a workshop. "
                    "We read real letters out loud and circled what was confusing. A receptionist "
                    "told us which questions people phoned about most. We wrote a new one-page "
                    "letter together and tested it with people in the waiting room. Fewer "
                    "appointments were missed. I felt like part of the team, not a tick in a "
                    "box.</p>"
                ),
                "storyteller": "Malik",
                "context": (
                    "Fictional storyteller who lives with Crohn's disease, Step Two graduate"
                ),
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": (
                    "If you want to know where the shoe rubs, ask the person wearing it. Then ask "
                    "them to help design the next pair."
                ),
                "attribution": "Gareth Morgan, mentor (fictional)",
            },
        },
        {
            "type": "details",
            "value": {
                "title": "What if I am asked to join something that is not really co-production?",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>You can still say yes, as long as you know what you are agreeing "
                            "to. Be clear about what you can offer. You might say, 'I'm happy to "
                            "give feedback, but I'd like to know what will happen to it.' Or you "
                            "might suggest a next step: 'Could someone with lived experience help "
                            "plan the next stage from the start?' Small requests like these often "
                            "move projects towards a true partnership.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "reflection_prompt",
            "value": {
                "prompt": (
                    "Think of a time a service asked for your views. Which of the four levels was "
                    "it, and how did it feel?"
                ),
                "guidance": (
                    "It could have been a survey, a focus group or a conversation. Think about "
                    "when you were asked, what happened to your views, and whether anyone told "
                    "you."
                ),
            },
        },
        {
            "type": "warning_callout",
            "value": {
                "title": "Look after yourself",
                "heading_level": 3,
                "body": (
                    "<p>Being the only person with lived experience in a room can be lonely and "
                    "tiring. You may feel you have to speak for everyone. You do not. You can "
                    "say, 'This is my experience. Other people's may be different.' Ask whether "
                    "another person with lived experience can join you, and arrange to talk to "
                    "your mentor afterwards.</p>"
                ),
            },
        },
        {
            "type": "care_card",
            "value": {
                "type": "primary",
                "heading_level": 3,
                "title": "If a project leaves you feeling used or ignored",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>It can hurt when you give your time and nothing changes. If you "
                            "feel able, talk to the project lead first. Explain what you hoped "
                            "for and ask what happened. You can also talk it over with your "
                            "mentor or your peer group.</p>"
                            "<p>If low mood or stress is affecting your daily life, speak to your "
                            "GP or call NHS 111. Samaritans are there on 116 123, free, any time "
                            "you need to talk.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "knowledge_check",
            "value": {
                "title": "Check your understanding",
                "questions": [
                    {
                        "question": (
                            "A team has finished designing a new service. They send patients a "
                            "survey asking what they think. Which level of involvement is this?"
                        ),
                        "options": [
                            {
                                "text": "Co-producing",
                                "correct": False,
                                "feedback": (
                                    "Not quite. In co-production, people with lived experience "
                                    "would have helped design the service from the start. Here, "
                                    "the design was already finished."
                                ),
                            },
                            {
                                "text": "Consulting",
                                "correct": True,
                                "feedback": (
                                    "That's right. People are asked for their views, but others "
                                    "have already made the decisions. Consulting is useful, but "
                                    "it is not co-production."
                                ),
                            },
                            {
                                "text": "Informing",
                                "correct": False,
                                "feedback": (
                                    "Close. But people are being asked for their views, so it is "
                                    "more than informing. It is consulting."
                                ),
                            },
                        ],
                    },
                    {
                        "question": "Which of these is a sign of real co-production?",
                        "options": [
                            {
                                "text": (
                                    "People with lived experience help decide what the problem is "
                                    "before any plan is made"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Yes. Being involved from the very beginning is one of the "
                                    "clearest signs of a real partnership."
                                ),
                            },
                            {
                                "text": (
                                    "One patient is invited to the final meeting to approve the "
                                    "plan"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Not quite. Joining only at the end means the big decisions "
                                    "were made without you. And one person cannot speak for "
                                    "everyone."
                                ),
                            },
                            {
                                "text": "The project has the word 'co-production' in its title",
                                "correct": False,
                                "feedback": (
                                    "Not quite. The word alone does not make something "
                                    "co-produced. Look at when people are involved and how much "
                                    "they can change."
                                ),
                            },
                        ],
                    },
                ],
            },
        },
        {
            "type": "discussion_prompt",
            "value": {
                "prompt": (
                    "What is one small change that would make involvement fairer where you live?"
                ),
                "guidance": (
                    "Think practically: meeting times, payment, travel, papers, who chairs. Build "
                    "on each other's ideas. You could turn your group's best idea into a "
                    "suggestion for a service you know."
                ),
            },
        },
    ],
}


# Step 2, lesson 2: How health and care decisions are made
_STEP_TWO_LESSON_2: dict[str, Any] = {
    "title": "How health and care decisions are made",
    "slug": "how-health-and-care-decisions-are-made",
    "summary": (
        "A plain English guide to who makes decisions in health and care, and where people with "
        "lived experience can have a say. Learn how a decision usually travels, and how to find "
        "out who decides and when."
    ),
    "estimated_minutes": 30,
    "completion": ["reached_end"],
    "mentors": ["gareth-morgan"],
    "body": [
        {
            "type": "heading",
            "value": {
                "text": "Who decides what?",
                "level": "h2",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>Health and care can feel like a maze. It helps to know that decisions are "
                "made at different levels, and you can have a say at each one. Here is a simple "
                "picture for England. Scotland, Wales and Northern Ireland organise things "
                "differently, but the same ideas apply.</p>"
                "<ul><li><strong>Your own care</strong>: you and your professionals decide "
                "together. This is shared decision making.</li>"
                "<li><strong>Your GP practice</strong>: practices decide things like opening "
                "hours and how you book. Most have a patient participation group, where patients "
                "give their views.</li>"
                "<li><strong>Hospital, community and mental health services</strong>: these are "
                "mostly run by NHS trusts. Each trust has a board, and its main board meetings "
                "are usually held in public.</li>"
                "<li><strong>Your local council</strong>: councils plan and pay for adult social "
                "care, support for carers and public health services, such as help to stop "
                "smoking.</li>"
                "<li><strong>Your wider area</strong>: an integrated care system brings the NHS, "
                "councils and others together to plan services and to tackle health "
                "inequalities.</li>"
                "<li><strong>The whole country</strong>: the government and national NHS bodies "
                "set rules, targets and overall budgets.</li>"
                "</ul>"
            ),
        },
        {
            "type": "image",
            "value": {
                "illustration": "path",
                "alt_text": (
                    "A line that zigzags upwards from left to right, with six coloured dots along "
                    "it like stops on a journey"
                ),
                "decorative": False,
                "caption": (
                    "Decisions usually pass through several stages. The earlier you join, the "
                    "more you can shape."
                ),
            },
        },
        {
            "type": "video",
            "value": {
                "title": "Gareth on following a decision (fictional mentor)",
                "transcript": (
                    "<p>When I started, I thought decisions were made in one big meeting. They're "
                    "not. By the time something reaches the board, most of the work is done. The "
                    "real shaping happens months before. In small groups, in draft plans, in "
                    "early chats. So my tip is: find out where the idea starts, and get in "
                    "there.</p>"
                    "<p>I ask three things. Who is leading this? When is the next decision point? "
                    "And who else with lived experience is involved? If nobody knows, that tells "
                    "you something too.</p>"
                    "<p><em>Gareth is a fictional mentor created for this demonstration.</em></p>"
                ),
                "captions": [
                    "When I started, I thought decisions were made in one big meeting.",
                    "They're not.",
                    "By the time something reaches the board, most of the work is done.",
                    "The real shaping happens months before.",
                    "In small groups, in draft plans, in early chats.",
                    "So my tip is: find out where the idea starts, and get in there.",
                ],
            },
        },
        {
            "type": "heading",
            "value": {
                "text": "How a decision usually travels",
                "level": "h3",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>Most decisions about services follow a similar path, even if the names "
                "change:</p>"
                "<ol><li><strong>A need is noticed</strong>, from data, complaints, staff, or "
                "people like you.</li>"
                "<li><strong>Ideas are explored.</strong> A small group looks at options. This is "
                "the best time to get involved.</li>"
                "<li><strong>A plan is written.</strong> It sets out the cost, the benefits and "
                "the risks. A plan that asks for money is often called a business case.</li>"
                "<li><strong>A formal group approves it</strong>, often a committee and then a "
                "board.</li>"
                "<li><strong>The change happens</strong>, sometimes as a small test first, called "
                "a pilot.</li>"
                "<li><strong>It is reviewed.</strong> Did it work, and for whom? This is another "
                "good moment for lived experience.</li>"
                "</ol>"
                "<p>To find out where a decision has got to, you can read board papers. Most NHS "
                "organisations publish them on their websites. You can also email the "
                "organisation's patient experience or engagement team and ask: 'Who is leading "
                "this, and how can people with lived experience get involved?'</p>"
            ),
        },
        {
            "type": "inset_text",
            "value": {
                "body": (
                    "<p>Money shapes most decisions. You do not need to understand budgets in "
                    "detail. But it helps to ask: 'How much will this cost, where is the money "
                    "coming from, and what will we stop doing to pay for it?'</p>"
                ),
            },
        },
        {
            "type": "peer_story",
            "value": {
                "title": "Getting in before the board",
                "story": (
                    "<p>I heard that our local mental health service was planning to move a day "
                    "centre. By the time it reached a public board meeting, the decision was "
                    "almost made. So I asked the engagement team to tell me about plans early. "
                    "When they started looking at opening hours for a new crisis café, I joined "
                    "the small working group. We pushed for evening and weekend hours, because "
                    "that is when people in crisis need it most. Those hours are in the final "
                    "plan. Timing is everything.</p>"
                ),
                "storyteller": "Ruth",
                "context": (
                    "Fictional storyteller who lives with depression and anxiety, Step Two graduate"
                ),
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": (
                    "You don't need to know every set of initials. You just need to know who to "
                    "ask, and when to ask it."
                ),
                "attribution": "Gareth Morgan, mentor (fictional)",
            },
        },
        {
            "type": "details",
            "value": {
                "title": "Words you might hear, in plain English",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<ul><li><strong>Commissioning</strong>: planning and paying for "
                            "services.</li>"
                            "<li><strong>Provider</strong>: an organisation that gives care, such "
                            "as a hospital or a care agency.</li>"
                            "<li><strong>Business case</strong>: a document that argues for "
                            "spending money on something.</li>"
                            "<li><strong>Pilot</strong>: a small test of a new idea.</li>"
                            "<li><strong>Engagement</strong>: talking with the public about "
                            "services.</li>"
                            "<li><strong>Governance</strong>: the rules about who decides what, "
                            "and how decisions are checked.</li>"
                            "</ul>"
                            "<p>If you hear a word you do not know, it is always fine to ask what "
                            "it means.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "reflection_prompt",
            "value": {
                "prompt": (
                    "Which level of decision making would you most like to influence, and why?"
                ),
                "guidance": (
                    "Think about where your experience could make the biggest difference. It "
                    "could be your GP practice, a hospital service, social care or your wider "
                    "area. There is no wrong answer."
                ),
            },
        },
        {
            "type": "warning_callout",
            "value": {
                "title": "Look after yourself",
                "heading_level": 3,
                "body": (
                    "<p>Big systems can be slow and frustrating. Change often takes months or "
                    "years, and it is not your job to fix everything. Pick one thing to focus on "
                    "and celebrate small wins. If you notice you are getting angry or worn out, "
                    "it may be time to pause and talk to your mentor.</p>"
                ),
            },
        },
        {
            "type": "care_card",
            "value": {
                "type": "primary",
                "heading_level": 3,
                "title": "If you are worried about a service right now",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>Influencing decisions takes time. If you are worried about your "
                            "own care, or someone else's, right now, do not wait for a meeting. "
                            "Talk to the team giving the care. If it is about your health, "
                            "contact your GP or call NHS 111.</p>"
                            "<p>If you think someone is at risk of abuse or neglect, tell the "
                            "service or your local council's adult social care team. In an "
                            "emergency, call 999.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "knowledge_check",
            "value": {
                "title": "Check your understanding",
                "questions": [
                    {
                        "question": (
                            "When is usually the best time to influence a decision about a service?"
                        ),
                        "options": [
                            {
                                "text": "Early on, while ideas are being explored",
                                "correct": True,
                                "feedback": (
                                    "That's right. Early on, there is still room to change both "
                                    "the problem and the plan. By the time a board approves it, "
                                    "most choices have been made."
                                ),
                            },
                            {
                                "text": "At the board meeting where the final decision is made",
                                "correct": False,
                                "feedback": (
                                    "Board meetings matter, and you can often watch them. But "
                                    "most of the shaping happens earlier, so it is hard to change "
                                    "things at this stage."
                                ),
                            },
                            {
                                "text": "After the new service has started",
                                "correct": False,
                                "feedback": (
                                    "Feedback after a change is valuable, especially when it is "
                                    "reviewed. But getting involved earlier gives you more chance "
                                    "to shape what happens."
                                ),
                            },
                        ],
                    },
                    {
                        "question": "In England, who plans and pays for adult social care?",
                        "options": [
                            {
                                "text": "Your GP practice",
                                "correct": False,
                                "feedback": (
                                    "Not quite. GP practices give health care in the community. "
                                    "Adult social care is planned and paid for by local councils."
                                ),
                            },
                            {
                                "text": "Your local council",
                                "correct": True,
                                "feedback": (
                                    "Yes. Local councils are responsible for adult social care, "
                                    "as well as public health services."
                                ),
                            },
                            {
                                "text": "The hospital trust",
                                "correct": False,
                                "feedback": (
                                    "Not quite. Hospital trusts give health care. Adult social "
                                    "care is the local council's job, although they often work "
                                    "closely together."
                                ),
                            },
                        ],
                    },
                ],
            },
        },
        {
            "type": "discussion_prompt",
            "value": {
                "prompt": (
                    "Share one place where people with lived experience can have a say in your "
                    "area. How did you find out about it?"
                ),
                "guidance": (
                    "It might be a patient participation group, a hospital panel, a council forum "
                    "or a charity group. Together, your group could build a simple map of "
                    "opportunities."
                ),
            },
        },
    ],
}


# Step 2, lesson 3: Who is missing? Including everyone
_STEP_TWO_LESSON_3: dict[str, Any] = {
    "title": "Who is missing? Including everyone",
    "slug": "who-is-missing",
    "summary": (
        "Learn why some people are left out of health and care decisions, how this links to "
        "health inequalities, and practical ways to include everyone, from reasonable adjustments "
        "to going where people already are."
    ),
    "estimated_minutes": 25,
    "completion": ["reached_end", "reflections_saved"],
    "mentors": ["margaret-holloway", "priya-sharma"],
    "body": [
        {
            "type": "heading",
            "value": {
                "text": "The people not in the room",
                "level": "h2",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>Health inequalities are unfair differences in health between groups of people "
                "that could be avoided. For example, people in the poorest areas of England live "
                "shorter lives, on average, than people in the richest areas. Some groups also "
                "find it harder to get good care. They include people with a learning disability, "
                "people from some ethnic minority communities, people who are homeless and people "
                "in some rural areas.</p>"
                "<p>The same groups are often missing when decisions are made. Meetings happen in "
                "office hours, in English, in buildings that are hard to get to, with papers full "
                "of jargon. The result is services designed for the people who turned up. A peer "
                "leader can help by asking one simple question, again and again: <strong>who is "
                "missing, and how can we reach them?</strong></p>"
            ),
        },
        {
            "type": "image",
            "value": {
                "illustration": "bridge",
                "alt_text": "A simple drawing of an arched bridge over water",
                "decorative": False,
                "caption": "Sometimes the service needs to cross the bridge, not the public.",
            },
        },
        {
            "type": "video",
            "value": {
                "title": "Margaret on making meetings work for everyone (fictional mentor)",
                "transcript": (
                    "<p>I'm Margaret. I'm Deaf, and I use British Sign Language. This is a "
                    "voice-over of what I'm signing. For years I was invited to meetings with no "
                    "interpreter. So I couldn't really take part. Now I ask one question before I "
                    "say yes. How will you make sure I can join in fully?</p>"
                    "<p>That question helps organisers think about everyone, not just me. Is the "
                    "room accessible? Are the papers in plain English? Is there a hearing loop? "
                    "Can people join from home? When we plan for the people who find it hardest "
                    "to take part, everyone benefits.</p>"
                    "<p><em>Margaret is a fictional mentor created for this "
                    "demonstration.</em></p>"
                ),
                "captions": [
                    "I'm Margaret. I'm Deaf, and I use British Sign Language.",
                    "This is a voice-over of what I'm signing.",
                    "For years I was invited to meetings with no interpreter.",
                    "So I couldn't really take part.",
                    "Now I ask one question before I say yes.",
                    "How will you make sure I can join in fully?",
                ],
            },
        },
        {
            "type": "heading",
            "value": {
                "text": "Reasonable adjustments: what you can ask for",
                "level": "h3",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>Reasonable adjustments are changes that organisations make so that disabled "
                "people can take part on an equal basis. In England, Scotland and Wales, the "
                "Equality Act 2010 means many organisations have a legal duty to make them. You "
                "do not need to share your diagnosis to ask. Here are some adjustments and "
                "support that people often ask for in involvement work:</p>"
                "<ul><li>papers sent at least a week before, in large print, easy read, or a "
                "format that works with a screen reader</li>"
                "<li>a British Sign Language interpreter, live captions or a hearing loop</li>"
                "<li>regular breaks, shorter meetings, or the option to join part of a "
                "meeting</li>"
                "<li>joining online, with the camera off if needed</li>"
                "<li>a step-free room close to accessible toilets and parking</li>"
                "<li>a quiet space, or time to go through the agenda with the chair "
                "beforehand</li>"
                "<li>travel costs paid in advance, so you are not out of pocket</li>"
                "<li>a named contact who checks that your needs are met each time</li>"
                "</ul>"
                "<p>It can help to write your needs down once, in a short 'How I work best' note, "
                "and send it whenever you join something new.</p>"
            ),
        },
        {
            "type": "inset_text",
            "value": {
                "body": (
                    "<p>Accessible information is not only for disabled people. Plain English, "
                    "clear layouts and short papers help everyone, including busy staff. When you "
                    "ask for them, you improve things for the whole group.</p>"
                ),
            },
        },
        {
            "type": "peer_story",
            "value": {
                "title": "Going to where people already are",
                "story": (
                    "<p>Our diabetes service wanted feedback, but almost all the replies came "
                    "from older white men. I go to a church with a big West African congregation, "
                    "and I knew lots of people there had diabetes and never went to the education "
                    "sessions. With the service's support, we held a session after the Sunday "
                    "service, with familiar food and a nurse people could ask questions. Forty "
                    "people came. They told us the sessions clashed with shift work and the food "
                    "advice did not fit the way they cook. The service now runs evening sessions "
                    "and has new food guides that make sense to more families.</p>"
                ),
                "storyteller": "Blessing",
                "context": (
                    "Fictional storyteller, community health volunteer and family carer, Step Two "
                    "graduate"
                ),
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": (
                    "If the same five people come to every meeting, the problem is the meeting, "
                    "not the public."
                ),
                "attribution": "Priya Sharma, mentor (fictional)",
            },
        },
        {
            "type": "details",
            "value": {
                "title": "Writing your 'How I work best' note",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>Keep it short, friendly and practical. You might include:</p>"
                            "<ul><li>how you like to receive papers, and how early</li>"
                            "<li>the times of day that work best for you</li>"
                            "<li>what helps you take part, such as breaks or captions</li>"
                            "<li>what will happen if you need to leave early or miss a "
                            "meeting</li>"
                            "<li>who to contact if your needs change</li>"
                            "</ul>"
                            "<p>You do not need to explain your condition. 'I need papers a week "
                            "early because I read slowly on bad days' is enough.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "reflection_prompt",
            "value": {
                "prompt": (
                    "What adjustments or support would help you take part in meetings or projects "
                    "at your best?"
                ),
                "guidance": (
                    "Start your 'How I work best' note here. Think about energy, timing, travel, "
                    "reading, hearing, seeing and how you feel in groups. Be as specific as you "
                    "can."
                ),
            },
        },
        {
            "type": "warning_callout",
            "value": {
                "title": "Look after yourself",
                "heading_level": 3,
                "body": (
                    "<p>Asking for adjustments can feel awkward, especially if you have been "
                    "refused before. Remember that you are asking for what you need to do the "
                    "work well. If an organisation turns down a reasonable request, you can ask "
                    "them to explain why in writing. Your mentor can help you decide what to do "
                    "next.</p>"
                ),
            },
        },
        {
            "type": "care_card",
            "value": {
                "type": "primary",
                "heading_level": 3,
                "title": "If you are treated unfairly because of a disability",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>Being refused support you need, or being treated badly because of "
                            "a disability, can be upsetting. Write down what happened, when, and "
                            "who was involved. Talk to someone you trust, and ask a local advice "
                            "centre about your rights.</p>"
                            "<p>If it is affecting your sleep, mood or health, speak to your GP "
                            "or call NHS 111. You can call Samaritans free on 116 123 at any "
                            "time.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "knowledge_check",
            "value": {
                "title": "Check your understanding",
                "questions": [
                    {
                        "question": (
                            "Which of these is a reasonable adjustment for someone taking part in "
                            "a meeting?"
                        ),
                        "options": [
                            {
                                "text": "Sending the papers a week early in large print",
                                "correct": True,
                                "feedback": (
                                    "That's right. This is a common and simple reasonable "
                                    "adjustment. It helps people read at their own pace."
                                ),
                            },
                            {
                                "text": (
                                    "Asking the person to bring a doctor's letter before they can "
                                    "come"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Not quite. You should not have to prove a diagnosis to ask "
                                    "for a reasonable adjustment. A simple request is usually "
                                    "enough."
                                ),
                            },
                            {
                                "text": (
                                    "Telling the person they can read the notes of the meeting "
                                    "afterwards instead"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Not quite. This leaves the person out of the discussion. A "
                                    "reasonable adjustment should help them take part on an equal "
                                    "basis."
                                ),
                            },
                        ],
                    },
                    {
                        "question": "Why does it matter who is missing when decisions are made?",
                        "options": [
                            {
                                "text": (
                                    "Because services end up designed for the people who took "
                                    "part, which can make health inequalities worse"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Yes. When some groups are not heard, services may not work "
                                    "for them, and existing unfairness can grow."
                                ),
                            },
                            {
                                "text": "It doesn't matter, as long as plenty of people took part",
                                "correct": False,
                                "feedback": (
                                    "Not quite. Numbers are not everything. If many people from "
                                    "one group take part but others are missing, the service may "
                                    "still not work for everyone."
                                ),
                            },
                            {
                                "text": (
                                    "Because every meeting must include one person from every "
                                    "community"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Not quite. That is not possible or expected. The aim is to "
                                    "notice who is missing and find good ways to hear from them, "
                                    "such as going to where they already are."
                                ),
                            },
                        ],
                    },
                ],
            },
        },
        {
            "type": "discussion_prompt",
            "value": {
                "prompt": (
                    "Whose voices are often missing in your area, and what is one practical way "
                    "to reach them?"
                ),
                "guidance": (
                    "Think about where people already meet: places of worship, schools, community "
                    "centres, food banks and online groups. Talk about other communities with "
                    "respect, and let people speak for themselves wherever you can."
                ),
            },
        },
    ],
}


# Step 3, lesson 1: Preparing for meetings
_STEP_THREE_LESSON_1: dict[str, Any] = {
    "title": "Preparing for meetings",
    "slug": "preparing-for-meetings",
    "summary": (
        "Meetings are where many decisions are made. Learn a simple before, during and after "
        "plan, so you arrive ready, make your point and leave knowing what happens next."
    ),
    "estimated_minutes": 35,
    "completion": ["reached_end", "knowledge_checks_answered"],
    "mentors": ["gareth-morgan"],
    "body": [
        {
            "type": "heading",
            "value": {
                "text": "Before, during and after",
                "level": "h2",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>Many people with lived experience say meetings are the hardest part of "
                "involvement. They can be fast, full of jargon and run by people who all know "
                "each other. Good preparation makes a big difference. It also saves energy on the "
                "day. Think of every meeting in three parts: before, during and after.</p>"
            ),
        },
        {
            "type": "image",
            "value": {
                "illustration": "path",
                "alt_text": (
                    "A line that zigzags upwards from left to right, with six coloured dots along "
                    "it like stops on a journey"
                ),
                "decorative": False,
                "caption": (
                    "Preparing beforehand and resting afterwards matter as much as the meeting "
                    "itself."
                ),
            },
        },
        {
            "type": "heading",
            "value": {
                "text": "Before the meeting",
                "level": "h3",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<ul><li><strong>Ask for the agenda and papers early</strong>, ideally a week "
                "before. Ask for any reasonable adjustments you need at the same time.</li>"
                "<li><strong>Find out why you are there.</strong> Ask the organiser: 'What would "
                "you most like from me at this meeting?'</li>"
                "<li><strong>Pick one or two items</strong> that matter most to you. You do not "
                "need to read every page of every paper.</li>"
                "<li><strong>Write down your point</strong> in two or three sentences, and one "
                "question you want answered.</li>"
                "<li><strong>Ask for a short chat with the chair</strong> beforehand if you are "
                "new or nervous, or if you want to raise something important.</li>"
                "</ul>"
            ),
        },
        {
            "type": "video",
            "value": {
                "title": "Gareth's meeting routine (fictional mentor)",
                "transcript": (
                    "<p>Before my first board meeting, I read all 200 pages. I was exhausted "
                    "before I even got there. Now I do it differently. I ring the chair a few "
                    "days before. I ask which items need the patient view most. Then I read those "
                    "properly and skim the rest.</p>"
                    "<p>On the day, I bring a card with my one main point on it. If the meeting "
                    "runs away from me, I look at the card and wait for my moment. Afterwards I "
                    "have a cup of tea and write down three things: what I said, what they "
                    "decided, and what I need to chase.</p>"
                    "<p><em>Gareth is a fictional mentor created for this demonstration.</em></p>"
                ),
                "captions": [
                    "Before my first board meeting, I read all 200 pages.",
                    "I was exhausted before I even got there.",
                    "Now I do it differently.",
                    "I ring the chair a few days before.",
                    "I ask which items need the patient view most.",
                    "Then I read those properly and skim the rest.",
                ],
            },
        },
        {
            "type": "heading",
            "value": {
                "text": "During the meeting",
                "level": "h3",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<ul><li>Sit, or set up your screen, so that you can see the chair.</li>"
                "<li>Keep a note of words you do not know, and ask about them: 'Sorry, what does "
                "that stand for?' Someone else will be glad you asked.</li>"
                "<li>Use the agreed signal to speak, such as raising a hand or using the chat. If "
                "you are missed, say: 'I'd like to come in on this point.'</li>"
                "<li>Make your point once, clearly, and then stop. Short points are "
                "remembered.</li>"
                "<li>Before an item closes, ask: 'What has been decided, and who is doing "
                "what?'</li>"
                "<li>It is fine to leave the room, turn your camera off or take a break.</li>"
                "</ul>"
            ),
        },
        {
            "type": "heading",
            "value": {
                "text": "After the meeting",
                "level": "h3",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<ul><li>Rest. Meetings use a lot of energy, even when they go well.</li>"
                "<li>Write down what you said, what was agreed and any actions for you.</li>"
                "<li>Check the minutes (the written record of the meeting) when they arrive. If "
                "your point is missing or wrong, say so politely.</li>"
                "<li>Claim any expenses or involvement payment straight away.</li>"
                "<li>Talk to your mentor or a peer if anything troubled you.</li>"
                "</ul>"
            ),
        },
        {
            "type": "inset_text",
            "value": {
                "body": (
                    "<p>You are not there to be an expert on everything. You are there to bring "
                    "the view of people who use the service. 'From a patient's point of view...' "
                    "or 'As a carer, what I notice is...' are strong ways to start.</p>"
                ),
            },
        },
        {
            "type": "peer_story",
            "value": {
                "title": "The question that changed the agenda",
                "story": (
                    "<p>At my first meeting of the hospital's outpatient group, they spent forty "
                    "minutes on car parking for staff. Near the end, I asked, 'Could we talk "
                    "about the drop-off point? It's too far from the entrance for wheelchair "
                    "users when it rains.' There was a silence. Then the estates manager said no "
                    "one had mentioned it before. It went on the next agenda. I had prepared that "
                    "one question in advance, and I am glad I did, because I was too nervous to "
                    "think of it on the spot.</p>"
                ),
                "storyteller": "Yusuf",
                "context": "Fictional storyteller, wheelchair user, Step Three graduate",
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": "One clear point, made at the right moment, beats ten pages of notes.",
                "attribution": "Gareth Morgan, mentor (fictional)",
            },
        },
        {
            "type": "details",
            "value": {
                "title": "Taking part online",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>Online meetings can save travel and energy, but they bring their "
                            "own challenges. Test your link before the day. Turn on captions if "
                            "the meeting tool has them. Use the chat to make a point if it is "
                            "hard to get a word in, and ask the chair to read it out. Agree in "
                            "advance what will happen if your connection drops.</p>"
                            "<p>It is fine to keep your camera off. You can simply say, 'I'm "
                            "listening, but I need to keep my camera off today.'</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "reflection_prompt",
            "value": {
                "prompt": (
                    "Think about a meeting you have coming up, or one you might join. What is the "
                    "one point you would most want to make?"
                ),
                "guidance": (
                    "Write it in two or three sentences. Then write one question you would like "
                    "answered. If you do not have a meeting coming up, imagine one about a "
                    "service you know well."
                ),
            },
        },
        {
            "type": "warning_callout",
            "value": {
                "title": "Look after yourself",
                "heading_level": 3,
                "body": (
                    "<p>Meetings sometimes touch on topics close to your own experience, such as "
                    "a service that let you down. It is fine to say, 'This is a hard topic for "
                    "me. I'll take a moment.' Plan something restful after meetings, and try not "
                    "to book two on the same day.</p>"
                ),
            },
        },
        {
            "type": "care_card",
            "value": {
                "type": "primary",
                "heading_level": 3,
                "title": "If a meeting leaves you upset",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>Sometimes a meeting goes badly. You might feel dismissed, or hear "
                            "something that hits close to home. Take time to rest, and talk to "
                            "someone you trust, such as your mentor, a peer or a friend.</p>"
                            "<p>If you keep feeling low or anxious, or you cannot sleep, speak to "
                            "your GP or call NHS 111. You can call Samaritans free on 116 123 at "
                            "any time.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "knowledge_check",
            "value": {
                "title": "Check your understanding",
                "questions": [
                    {
                        "question": (
                            "You are sent 80 pages of papers two days before a meeting. What is "
                            "the most helpful thing to do?"
                        ),
                        "options": [
                            {
                                "text": "Read every page, even if it makes you unwell",
                                "correct": False,
                                "feedback": (
                                    "Not quite. Pushing yourself too hard can leave you with no "
                                    "energy for the meeting itself. You do not have to read "
                                    "everything."
                                ),
                            },
                            {
                                "text": (
                                    "Ask the chair or organiser which items most need your view, "
                                    "and focus on those"
                                ),
                                "correct": True,
                                "feedback": (
                                    "That's right. Focusing on the items that matter most saves "
                                    "energy. You can also ask for papers earlier next time, as a "
                                    "reasonable adjustment."
                                ),
                            },
                            {
                                "text": "Decide not to go, because you cannot prepare properly",
                                "correct": False,
                                "feedback": (
                                    "That is your choice, and sometimes resting is right. But you "
                                    "could still take part by focusing on one or two items. Let "
                                    "the organiser know the papers need to come earlier."
                                ),
                            },
                        ],
                    },
                    {
                        "question": (
                            "Near the end of an agenda item, what is a useful question to ask?"
                        ),
                        "options": [
                            {
                                "text": "'What has been decided, and who is doing what?'",
                                "correct": True,
                                "feedback": (
                                    "Yes. This makes sure decisions and actions are clear, and "
                                    "that they are written down in the minutes."
                                ),
                            },
                            {
                                "text": "'Can we go over the whole discussion again?'",
                                "correct": False,
                                "feedback": (
                                    "Not quite. There is rarely time for this. A short question "
                                    "about decisions and actions is usually more helpful."
                                ),
                            },
                            {
                                "text": "'Why wasn't I told about this before?'",
                                "correct": False,
                                "feedback": (
                                    "It is fine to raise this if it is true, but it works better "
                                    "calmly and separately. At the end of an item, checking what "
                                    "was decided is more useful."
                                ),
                            },
                        ],
                    },
                ],
            },
        },
        {
            "type": "discussion_prompt",
            "value": {
                "prompt": (
                    "What helps you feel confident in meetings? Share one tip with your group."
                ),
                "guidance": (
                    "Tips can be practical, like where you sit, or personal, like a phrase that "
                    "helps you speak up. Try one tip from someone else at your next meeting, then "
                    "tell the group how it went."
                ),
            },
        },
    ],
}


# Step 3, lesson 2: Speaking up and influencing
_STEP_THREE_LESSON_2: dict[str, Any] = {
    "title": "Speaking up and influencing",
    "slug": "speaking-up-and-influencing",
    "summary": (
        "Learn how to make a clear case for change using the SEEN approach, how to bring other "
        "people with you, and what to do when people disagree."
    ),
    "estimated_minutes": 30,
    "completion": ["reached_end"],
    "mentors": ["jordan-reid", "gareth-morgan"],
    "body": [
        {
            "type": "heading",
            "value": {
                "text": "Make your point in four parts",
                "level": "h2",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>Influencing means helping other people see something differently, so that "
                "they choose to act. It is not about winning an argument. People are more likely "
                "to change their minds when they feel understood and can see a practical way "
                "forward.</p>"
                "<p>When you want to raise a concern or suggest a change, try the "
                "<strong>SEEN</strong> approach:</p>"
                "<ul><li><strong>Situation</strong>: what is happening? Keep it short and "
                "specific.</li>"
                "<li><strong>Effect</strong>: what does it mean for the people affected? This is "
                "where your lived experience is powerful.</li>"
                "<li><strong>Evidence</strong>: how do you know it is not just you? Think of "
                "other people's stories, complaints, numbers or research.</li>"
                "<li><strong>Next step</strong>: what do you suggest, or what are you asking "
                "for?</li>"
                "</ul>"
                "<p>Here is an example. <em>Situation</em>: appointment reminders only come by "
                "text message. <em>Effect</em>: people who are blind, or who have no mobile "
                "phone, miss appointments and get marked as not attending. <em>Evidence</em>: "
                "three people in our group have had this happen this year. <em>Next step</em>: "
                "could people choose how they get reminders, and could we test a phone call "
                "option for three months?</p>"
            ),
        },
        {
            "type": "image",
            "value": {
                "illustration": "steps",
                "alt_text": (
                    "Four coloured blocks rising like a staircase from left to right, numbered 1 "
                    "to 4"
                ),
                "decorative": False,
                "caption": "The four parts of SEEN: Situation, Effect, Evidence, Next step.",
            },
        },
        {
            "type": "video",
            "value": {
                "title": "Jordan on influencing without shouting (fictional mentor)",
                "transcript": (
                    "<p>I used to think influencing meant being the loudest person in the room. I "
                    "don't have the energy for that. So I learned a quieter way. I find out what "
                    "the other person cares about. Then I link my point to that. A manager "
                    "worried about money hears things differently from a nurse worried about "
                    "safety.</p>"
                    "<p>When I asked for online options for our patient group, I didn't just say "
                    "it was fairer. I said it would bring in younger members and people who work, "
                    "which the group had been struggling with for years. That's what got a "
                    "yes.</p>"
                    "<p><em>Jordan is a fictional mentor created for this demonstration.</em></p>"
                ),
                "captions": [
                    "I used to think influencing meant being the loudest person in the room.",
                    "I don't have the energy for that.",
                    "So I learned a quieter way.",
                    "I find out what the other person cares about.",
                    "Then I link my point to that.",
                    (
                        "A manager worried about money hears things differently from a nurse "
                        "worried about safety."
                    ),
                ],
            },
        },
        {
            "type": "heading",
            "value": {
                "text": "Bringing people with you",
                "level": "h3",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>Change rarely happens because of one person. Look for "
                "<strong>allies</strong>: people who care about the same thing and can help. An "
                "ally might be a nurse who has noticed the same problem, another patient group, "
                "or a manager who wants to improve things. Talk to them before the meeting, not "
                "just during it.</p>"
                "<p>When people disagree with you, stay curious. Try these phrases:</p>"
                "<ul><li>'Help me understand what's getting in the way.'</li>"
                "<li>'What would need to be true for this to work?'</li>"
                "<li>'Is there a smaller version we could test first?'</li>"
                "<li>'I can see we see this differently. Can we agree on the next step?'</li>"
                "</ul>"
                "<p>If the answer is no, ask why, and ask when it could be looked at again. A "
                "'not yet' is often the start of a 'yes'.</p>"
            ),
        },
        {
            "type": "inset_text",
            "value": {
                "body": (
                    "<p>Facts open minds, and stories open hearts. The strongest case uses both: "
                    "one short, real story and one piece of evidence that shows it is not a "
                    "one-off.</p>"
                ),
            },
        },
        {
            "type": "peer_story",
            "value": {
                "title": "From complaint to change",
                "story": (
                    "<p>I was furious after a hospital visit where my autistic daughter had to "
                    "wait two hours in a noisy corridor. My first email was angry, and I got a "
                    "standard reply. A mentor helped me rewrite it using SEEN. I described the "
                    "situation and the effect on my daughter. I showed that other parents in our "
                    "support group had the same problem. Then I suggested a simple next step: a "
                    "quiet room, and a way to flag needs when booking. The ward manager invited "
                    "me in to talk. They now have a quiet room and a 'what helps me' form that "
                    "parents can fill in. Same anger, better words.</p>"
                ),
                "storyteller": "Siobhan",
                "context": (
                    "Fictional storyteller, parent carer of an autistic child, Step Three graduate"
                ),
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": (
                    "Being calm is not the same as being quiet. You can be calm and still be firm."
                ),
                "attribution": "Tomasz Nowak, mentor (fictional)",
            },
        },
        {
            "type": "details",
            "value": {
                "title": "What if I feel too nervous to speak?",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>Nerves are normal, even for experienced peer leaders. Some things "
                            "that help:</p>"
                            "<ul><li>Write down your first sentence and read it out.</li>"
                            "<li>Speak early in the meeting, before the nerves build up.</li>"
                            "<li>Ask the chair to bring you in at a certain point.</li>"
                            "<li>Send your point in writing before the meeting, or put it in the "
                            "chat.</li>"
                            "<li>Team up with another member, who agrees to say 'I'd like to "
                            "support that point.'</li>"
                            "</ul>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "reflection_prompt",
            "value": {
                "prompt": (
                    "Choose one thing you would like to change. Write it using SEEN: Situation, "
                    "Effect, Evidence, Next step."
                ),
                "guidance": (
                    "Keep each part to one or two sentences. For the next step, think small and "
                    "practical: something that could be tested or started soon."
                ),
            },
        },
        {
            "type": "warning_callout",
            "value": {
                "title": "Look after yourself",
                "heading_level": 3,
                "body": (
                    "<p>Speaking up can bring pushback, and sometimes it feels personal. Keep the "
                    "focus on the issue, not the person. If you feel very angry or upset, it is "
                    "fine to say, 'I'd like to come back to this,' and take a pause. Never share "
                    "someone else's private information to make your case.</p>"
                ),
            },
        },
        {
            "type": "care_card",
            "value": {
                "type": "primary",
                "heading_level": 3,
                "title": "If speaking up feels risky for you",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>Some people worry that raising concerns might affect their own "
                            "care. Services should never treat you worse because you gave "
                            "feedback. If you are worried about this, talk to your mentor, or to "
                            "the patient advice team at the service.</p>"
                            "<p>If the worry is making you anxious or unwell, speak to your GP or "
                            "call NHS 111. Samaritans are free to call on 116 123, day or "
                            "night.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "knowledge_check",
            "value": {
                "title": "Check your understanding",
                "questions": [
                    {
                        "question": "In the SEEN approach, what does 'Evidence' mean?",
                        "options": [
                            {
                                "text": (
                                    "Showing that the problem is not a one-off, for example with "
                                    "other people's stories or numbers"
                                ),
                                "correct": True,
                                "feedback": (
                                    "That's right. Evidence shows that the problem affects more "
                                    "people, which makes it harder to dismiss."
                                ),
                            },
                            {
                                "text": "Bringing your medical records to the meeting",
                                "correct": False,
                                "feedback": (
                                    "Not quite. You never need to share your medical records to "
                                    "make a case. Evidence can be other people's stories, "
                                    "complaints or research."
                                ),
                            },
                            {
                                "text": "Proving that a member of staff did something wrong",
                                "correct": False,
                                "feedback": (
                                    "Not quite. Influencing works best when it focuses on the "
                                    "problem, not on blaming a person. Evidence shows how "
                                    "widespread an issue is."
                                ),
                            },
                        ],
                    },
                    {
                        "question": (
                            "A manager says, 'We can't afford that.' What is a helpful reply?"
                        ),
                        "options": [
                            {
                                "text": "'Is there a smaller version we could test first?'",
                                "correct": True,
                                "feedback": (
                                    "Yes. Suggesting a small test lowers the cost and the risk, "
                                    "and it keeps the conversation going."
                                ),
                            },
                            {
                                "text": "'Then you don't care about patients.'",
                                "correct": False,
                                "feedback": (
                                    "It is understandable to feel frustrated. But this is likely "
                                    "to end the conversation. Asking about a smaller step keeps "
                                    "the door open."
                                ),
                            },
                            {
                                "text": "Say nothing and drop the idea",
                                "correct": False,
                                "feedback": (
                                    "Not quite. A first 'no' is often a 'not yet'. You can ask "
                                    "why, and when it could be looked at again."
                                ),
                            },
                        ],
                    },
                ],
            },
        },
        {
            "type": "discussion_prompt",
            "value": {
                "prompt": (
                    "Share your SEEN point with your group. How could they help you make it "
                    "stronger?"
                ),
                "guidance": (
                    "Tell each other whether the effect is clear and the next step is practical. "
                    "Use the feedback skills from this step: be specific, kind and useful."
                ),
            },
        },
    ],
}


# Step 3, lesson 3: Giving and receiving feedback
_STEP_THREE_LESSON_3: dict[str, Any] = {
    "title": "Giving and receiving feedback",
    "slug": "giving-and-receiving-feedback",
    "summary": (
        "Feedback helps services and people improve. Learn a simple way to give feedback that is "
        "specific, kind and useful, and how to receive feedback without taking it to heart."
    ),
    "estimated_minutes": 25,
    "completion": ["reached_end", "knowledge_checks_answered"],
    "mentors": ["tomasz-nowak"],
    "body": [
        {
            "type": "heading",
            "value": {
                "text": "Feedback that helps",
                "level": "h2",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>As a peer leader, you will often be asked for feedback on a leaflet, a "
                "service or a plan. You will also get feedback on your own work. Done well, "
                "feedback helps everyone improve. Done badly, it hurts and gets ignored.</p>"
                "<p>Good feedback is <strong>specific, kind and useful</strong>:</p>"
                "<ul><li><strong>Specific</strong>: point to exactly what you mean. Not 'the "
                "leaflet is confusing', but 'the second paragraph uses three words I didn't "
                "know'.</li>"
                "<li><strong>Kind</strong>: focus on the work, not the person. Say what is "
                "working as well as what is not.</li>"
                "<li><strong>Useful</strong>: suggest what could help. 'Could you add a sentence "
                "explaining what a referral is?'</li>"
                "</ul>"
                "<p>A simple way to put it together is: <strong>what I noticed, how it landed, "
                "what might help</strong>. For example: 'I noticed the form asks about my next of "
                "kin before it asks my name. It made me feel worried before I had even started. "
                "It might help to move that question to the end.'</p>"
            ),
        },
        {
            "type": "image",
            "value": {
                "illustration": "hands",
                "alt_text": (
                    "Five simple figures in different colours standing side by side, each a "
                    "rounded body with a round head"
                ),
                "decorative": False,
                "caption": "Feedback works best as an exchange between equals.",
            },
        },
        {
            "type": "video",
            "value": {
                "title": "Tomasz on receiving feedback (fictional mentor)",
                "transcript": (
                    "<p>The first time I got feedback on a talk, I only heard the criticism. "
                    "Someone said I spoke too fast. I forgot the ten kind things people said. Now "
                    "I have a routine. I say thank you, I ask one question, and I decide later. I "
                    "don't have to agree with feedback on the spot.</p>"
                    "<p>Later, when I feel calm, I ask myself: is this fair? Have I heard it "
                    "before? What's one small thing I could try? Sometimes the answer is nothing, "
                    "and that's fine too.</p>"
                    "<p><em>Tomasz is a fictional mentor created for this demonstration.</em></p>"
                ),
                "captions": [
                    "The first time I got feedback on a talk, I only heard the criticism.",
                    "Someone said I spoke too fast.",
                    "I forgot the ten kind things people said.",
                    "Now I have a routine.",
                    "I say thank you, I ask one question, and I decide later.",
                    "I don't have to agree with feedback on the spot.",
                ],
            },
        },
        {
            "type": "heading",
            "value": {
                "text": "Receiving feedback",
                "level": "h3",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>Hearing feedback about your own work can feel personal, especially when the "
                "work is based on your life. Try the <strong>Thank, Ask, Decide</strong> "
                "routine:</p>"
                "<ol><li><strong>Thank</strong> the person. This is not the same as agreeing. It "
                "just keeps the conversation open.</li>"
                "<li><strong>Ask</strong> one question to understand better, such as 'Can you "
                "give me an example?' or 'What would you do differently?'</li>"
                "<li><strong>Decide</strong> later, when you feel calm, what to take on board and "
                "what to let go.</li>"
                "</ol>"
                "<p>If feedback is unkind, or about you as a person rather than your work, you "
                "can say so: 'I'm happy to hear feedback about the talk, but I'd rather we kept "
                "it about the talk.'</p>"
            ),
        },
        {
            "type": "inset_text",
            "value": {
                "body": (
                    "<p>When you give feedback to staff, remember to say what went well. Services "
                    "rarely hear about the things they get right. Knowing what works helps them "
                    "keep doing it.</p>"
                ),
            },
        },
        {
            "type": "peer_story",
            "value": {
                "title": "The most useful feedback I ever gave",
                "story": (
                    "<p>I was asked to review a new clinic leaflet. My first reaction was that it "
                    "made people like me sound like a problem. Instead of writing that, I went "
                    "through it line by line. I highlighted two phrases that made me feel judged "
                    "and explained why, in one sentence each. I suggested other words. I also "
                    "said the section on privacy was the clearest I had ever read. The team "
                    "changed both phrases and kept the privacy section as it was. They told me it "
                    "was the most useful feedback they had had, because they knew exactly what to "
                    "do.</p>"
                ),
                "storyteller": "Grace",
                "context": "Fictional storyteller who lives with HIV, Step Three graduate",
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": (
                    "Tell people what to keep as well as what to change. Otherwise they might "
                    "throw out the good bits too."
                ),
                "attribution": "Margaret Holloway, mentor (fictional)",
            },
        },
        {
            "type": "details",
            "value": {
                "title": "Giving feedback in writing",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>Written feedback can feel harsher than spoken feedback, because "
                            "the reader cannot hear your tone. Start with what works. Use "
                            "numbered points, so each one is easy to act on. Keep each point to a "
                            "sentence or two. Read it back before you send it and ask yourself: "
                            "would I be happy to get this?</p>"
                            "<p>If a document is long, it is fine to comment only on the parts "
                            "you know about, and to say so.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "reflection_prompt",
            "value": {
                "prompt": (
                    "Think of some feedback you were given that really helped you. What made it "
                    "helpful?"
                ),
                "guidance": (
                    "It could be from work, school, a friend or a health professional. Think "
                    "about how it was said, when, and by whom. What can you learn from it for "
                    "when you give feedback yourself?"
                ),
            },
        },
        {
            "type": "warning_callout",
            "value": {
                "title": "Look after yourself",
                "heading_level": 3,
                "body": (
                    "<p>When you review materials about your own condition, you may see words or "
                    "pictures that upset you. It is fine to pause, or to say a topic is too close "
                    "for you right now. You can offer feedback on something else instead.</p>"
                ),
            },
        },
        {
            "type": "care_card",
            "value": {
                "type": "primary",
                "heading_level": 3,
                "title": "If feedback knocks your confidence",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>Feedback can sometimes stay with you for days. Talk it through "
                            "with your mentor or a peer, who can help you see it in proportion. "
                            "Remind yourself of what you do well.</p>"
                            "<p>If your mood drops and does not lift, or you are not sleeping, "
                            "speak to your GP or call NHS 111. Samaritans are free to call on 116 "
                            "123, day or night.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "knowledge_check",
            "value": {
                "title": "Check your understanding",
                "questions": [
                    {
                        "question": (
                            "Which of these is the most helpful feedback on a patient leaflet?"
                        ),
                        "options": [
                            {
                                "text": "'It's rubbish. Start again.'",
                                "correct": False,
                                "feedback": (
                                    "Not quite. It might be how you feel, but it does not tell "
                                    "the team what to change, and it may upset them."
                                ),
                            },
                            {
                                "text": (
                                    "'Page 2 uses the word triage without explaining it. Could "
                                    "you add a short sentence saying what it means?'"
                                ),
                                "correct": True,
                                "feedback": (
                                    "That's right. This is specific, kind and useful. The team "
                                    "knows exactly what to change, and why."
                                ),
                            },
                            {
                                "text": "'It's fine.'",
                                "correct": False,
                                "feedback": (
                                    "Not quite. It is kind, but it does not help the team "
                                    "improve. Try to say what works and what could be better."
                                ),
                            },
                        ],
                    },
                    {
                        "question": (
                            "Someone gives you feedback that surprises you. Using Thank, Ask, "
                            "Decide, what do you do first?"
                        ),
                        "options": [
                            {
                                "text": "Thank them, even if you are not sure you agree",
                                "correct": True,
                                "feedback": (
                                    "Yes. Thanking someone keeps the conversation open. You can "
                                    "ask a question, and decide later what to do with it."
                                ),
                            },
                            {
                                "text": "Explain why they are wrong",
                                "correct": False,
                                "feedback": (
                                    "Not quite. It is natural to want to defend yourself, but it "
                                    "can stop you hearing something useful. You can decide later."
                                ),
                            },
                            {
                                "text": "Agree to change everything straight away",
                                "correct": False,
                                "feedback": (
                                    "Not quite. You do not have to accept all feedback. Take time "
                                    "to decide what is fair and useful."
                                ),
                            },
                        ],
                    },
                ],
            },
        },
        {
            "type": "discussion_prompt",
            "value": {
                "prompt": (
                    "With your group, give feedback on a short piece of public information, such "
                    "as a leaflet or a web page, using 'what I noticed, how it landed, what might "
                    "help'."
                ),
                "guidance": (
                    "Choose something that is not about anyone in the group. Take turns to give "
                    "feedback. Then tell each other how the feedback felt to receive."
                ),
            },
        },
    ],
}


# Step 3, lesson 4: Boundaries and looking after yourself
_STEP_THREE_LESSON_4: dict[str, Any] = {
    "title": "Boundaries and looking after yourself",
    "slug": "boundaries-and-looking-after-yourself",
    "summary": (
        "Leading change can be tiring. Learn how to plan your energy, say no or 'not now' with "
        "confidence, and write a simple wellbeing plan, so you can keep going for the long term."
    ),
    "estimated_minutes": 20,
    "completion": ["reached_end", "reflections_saved"],
    "mentors": ["tomasz-nowak", "jordan-reid"],
    "body": [
        {
            "type": "heading",
            "value": {
                "text": "Protecting your energy",
                "level": "h2",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>Many peer leaders care deeply and find it hard to say no. But involvement "
                "work can take a lot of energy, time and feeling. If you give too much, you can "
                "become unwell or lose your love for it. Boundaries are the limits you set to "
                "protect your health, your time and your privacy. They are not selfish. They are "
                "what let you keep going.</p>"
                "<p>Start by looking at your energy. Some people find it helps to imagine a daily "
                "energy budget. Everything costs something: a meeting, a phone call, travel, even "
                "reading emails. Some things give energy back, like rest, a walk or time with "
                "friends. Plan your involvement work so that you stay within your budget, and "
                "keep some spare for bad days. This is a big part of self-management for many "
                "people with long-term conditions.</p>"
            ),
        },
        {
            "type": "image",
            "value": {
                "illustration": "path",
                "alt_text": (
                    "A line that zigzags upwards from left to right, with six coloured dots along "
                    "it like stops on a journey"
                ),
                "decorative": False,
                "caption": "Pacing yourself is part of leading well.",
            },
        },
        {
            "type": "video",
            "value": {
                "title": "Tomasz on saying 'not now' (fictional mentor)",
                "transcript": (
                    "<p>When I started out, I said yes to everything. Every panel, every survey, "
                    "every event. Within a year, I was unwell again. Now I use one sentence "
                    "before I agree to anything. 'Thanks for asking. Let me check and get back to "
                    "you.' It gives me time to look at my diary and my energy.</p>"
                    "<p>I also have a wellbeing plan. It lists my early warning signs, like "
                    "sleeping badly or getting snappy, and what I do when I notice them. I share "
                    "it with my supervisor, so they can say 'Tomasz, are you OK?' before things "
                    "get bad.</p>"
                    "<p><em>Tomasz is a fictional mentor created for this demonstration.</em></p>"
                ),
                "captions": [
                    "When I started out, I said yes to everything.",
                    "Every panel, every survey, every event.",
                    "Within a year, I was unwell again.",
                    "Now I use one sentence before I agree to anything.",
                    "'Thanks for asking. Let me check and get back to you.'",
                    "It gives me time to look at my diary and my energy.",
                ],
            },
        },
        {
            "type": "heading",
            "value": {
                "text": "Ways to say no, or not now",
                "level": "h3",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>It helps to have the words ready. Try these:</p>"
                "<ul><li>'Thank you for thinking of me. I can't take that on right now, but "
                "please ask me again in the spring.'</li>"
                "<li>'I can't come to the meeting, but I could send comments by email.'</li>"
                "<li>'I can do the first half hour, then I'll need to leave.'</li>"
                "<li>'I'm happy to help, but first I'd like to talk about how much time it will "
                "take.'</li>"
                "<li>'That's personal, and I'd rather not share it.'</li>"
                "</ul>"
                "<p>You do not have to give a reason. 'No, thank you' is a full sentence.</p>"
                "<p>Boundaries also protect your privacy. Decide in advance what you share, who "
                "has your phone number and when you answer messages. It is fine to have a "
                "separate email address for involvement work, and to stop checking it in the "
                "evenings.</p>"
            ),
        },
        {
            "type": "inset_text",
            "value": {
                "body": (
                    "<p>A good rule of thumb: for every hour of involvement work, plan time to "
                    "recover. For some people that is ten minutes. For others it is the rest of "
                    "the day. Both are fine.</p>"
                ),
            },
        },
        {
            "type": "peer_story",
            "value": {
                "title": "Learning to leave space",
                "story": (
                    "<p>Last year I joined three panels, a research group and a charity board. I "
                    "loved all of it, until I had a big flare and spent a month in bed. I had to "
                    "drop everything at once, which felt terrible. When I came back, my mentor "
                    "helped me choose. I kept one panel and the research group. I put rest days "
                    "in my diary first, like appointments I couldn't move. I do less now, but I "
                    "do it well, and I haven't had to cancel anything for months.</p>"
                ),
                "storyteller": "Anwen",
                "context": "Fictional storyteller who lives with lupus, Step Three graduate",
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": "Rest is not a reward for finishing the work. It is part of the work.",
                "attribution": "Jordan Reid, mentor (fictional)",
            },
        },
        {
            "type": "details",
            "value": {
                "title": "What to put in a wellbeing plan",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>A wellbeing plan is a short note you write for yourself. You can "
                            "share it with a mentor or someone you trust if you want to. It might "
                            "include:</p>"
                            "<ul><li>what keeps you well day to day</li>"
                            "<li>your early warning signs that you are doing too much</li>"
                            "<li>what you will do when you notice them, such as cancelling one "
                            "thing or resting</li>"
                            "<li>who you can talk to, and how you would like them to help</li>"
                            "<li>what others can do if you need to step back for a while</li>"
                            "</ul>"
                            "<p>Look at it again every few months, or after a hard time.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "reflection_prompt",
            "value": {
                "prompt": (
                    "What are your early warning signs that you are doing too much, and what will "
                    "you do when you notice them?"
                ),
                "guidance": (
                    "Think about your body, your mood, your sleep and how you act. Then write one "
                    "or two things you will do, such as cancelling one commitment or asking for "
                    "help. This is the start of your wellbeing plan."
                ),
            },
        },
        {
            "type": "warning_callout",
            "value": {
                "title": "Look after yourself",
                "heading_level": 3,
                "body": (
                    "<p>If you are often exhausted, dreading involvement work, or feeling numb or "
                    "resentful, these can be signs of burnout. Take them seriously. Step back, "
                    "talk to your mentor, and let the people you work with know that you need a "
                    "break. You can always come back later.</p>"
                ),
            },
        },
        {
            "type": "care_card",
            "value": {
                "type": "primary",
                "heading_level": 3,
                "title": "If you are struggling to cope",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>If you feel overwhelmed, very low or unable to cope, please reach "
                            "out. You can:</p>"
                            "<ul><li>speak to your GP, who can talk with you about support and "
                            "treatment</li>"
                            "<li>call NHS 111 if you need help quickly but it is not an "
                            "emergency</li>"
                            "<li>call Samaritans free on 116 123, any time</li>"
                            "</ul>"
                            "<p>If you feel you might harm yourself, or you are in danger, call "
                            "999 or go to A&amp;E.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "knowledge_check",
            "value": {
                "title": "Check your understanding",
                "questions": [
                    {
                        "question": (
                            "A project lead asks you to join a new panel, but you are already "
                            "tired. Which reply sets a healthy boundary?"
                        ),
                        "options": [
                            {
                                "text": (
                                    "'Thanks for asking. Let me check my diary and my energy, and "
                                    "get back to you.'"
                                ),
                                "correct": True,
                                "feedback": (
                                    "That's right. Taking time to decide means you can make a "
                                    "choice that fits your health and your other commitments."
                                ),
                            },
                            {
                                "text": (
                                    "'Yes, of course,' because you don't want to let them down"
                                ),
                                "correct": False,
                                "feedback": (
                                    "That is a kind instinct, and many peer leaders feel the "
                                    "same. But saying yes when you are tired can lead to burnout. "
                                    "It is fine to take time to decide."
                                ),
                            },
                            {
                                "text": "Ignore the message and hope they stop asking",
                                "correct": False,
                                "feedback": (
                                    "Not quite. It is understandable to want to avoid it, but a "
                                    "short reply is kinder to you both. 'Not right now' is a fine "
                                    "answer."
                                ),
                            },
                        ],
                    },
                    {
                        "question": "Which of these is true about boundaries?",
                        "options": [
                            {
                                "text": "You always need to explain why you are saying no",
                                "correct": False,
                                "feedback": (
                                    "Not quite. You can give a reason if you want to, but you do "
                                    "not have to. 'No, thank you' is enough."
                                ),
                            },
                            {
                                "text": (
                                    "Boundaries protect your health, time and privacy, so you can "
                                    "keep going"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Yes. Boundaries are not selfish. They help you stay well and "
                                    "do your best work for longer."
                                ),
                            },
                            {
                                "text": "Having boundaries means you care less than other people",
                                "correct": False,
                                "feedback": (
                                    "Not quite. Setting limits shows care for yourself and for "
                                    "the work. Often the most committed peer leaders have the "
                                    "clearest boundaries."
                                ),
                            },
                        ],
                    },
                ],
            },
        },
        {
            "type": "discussion_prompt",
            "value": {
                "prompt": "What is one boundary that helps you, and how do you keep it?",
                "guidance": (
                    "Share practical ideas, such as times when you do not check emails, or how "
                    "you decide what to say yes to. Be supportive: everyone's limits are "
                    "different, and none are wrong."
                ),
            },
        },
    ],
}


# Step 4, lesson 1: Being a mentor: your role and your boundaries
_STEP_FOUR_LESSON_1: dict[str, Any] = {
    "title": "Being a mentor: your role and your boundaries",
    "slug": "being-a-mentor",
    "summary": (
        "Find out what a peer mentor does and does not do, and how to agree boundaries at the "
        "start. Learn how to plan a first conversation, keep things confidential, and end a "
        "mentoring relationship well."
    ),
    "estimated_minutes": 35,
    "completion": ["reached_end", "knowledge_checks_answered"],
    "mentors": ["tomasz-nowak", "priya-sharma"],
    "body": [
        {
            "type": "heading",
            "value": {
                "text": "What a mentor is, and is not",
                "level": "h2",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>A mentor in this programme is a graduate who walks alongside a newer learner "
                "for a while. You listen, encourage, share what worked for you and help the other "
                "person find their own way. You are a peer, not an expert with all the "
                "answers.</p>"
                "<p>It helps to be clear about what a mentor is <strong>not</strong>. You are not "
                "a counsellor, a doctor, a social worker or a manager. You do not fix problems "
                "for people or tell them what to do. You are not available at all hours. Being "
                "clear about this protects you both. It also means the person you mentor, your "
                "mentee, gets the right help from the right person when they need it.</p>"
            ),
        },
        {
            "type": "image",
            "value": {
                "illustration": "hands",
                "alt_text": (
                    "Five simple figures in different colours standing side by side, each a "
                    "rounded body with a round head"
                ),
                "decorative": False,
                "caption": "Mentoring means walking alongside someone, not carrying them.",
            },
        },
        {
            "type": "video",
            "value": {
                "title": "Priya on her first mentee (fictional mentor)",
                "transcript": (
                    "<p>My first mentee rang me at ten o'clock at night. She was upset about a "
                    "meeting. I wanted to help, so I talked to her for an hour. Then it happened "
                    "again the next week. I realised we had never agreed how we would work "
                    "together. So we sat down and wrote a simple agreement.</p>"
                    "<p>We agreed to talk every two weeks, for forty-five minutes, and to use "
                    "messages only for quick things, in the daytime. We also agreed what she "
                    "would do if she needed help urgently. It made us both feel safer, and our "
                    "conversations got better too.</p>"
                    "<p><em>Priya is a fictional mentor created for this demonstration.</em></p>"
                ),
                "captions": [
                    "My first mentee rang me at ten o'clock at night.",
                    "She was upset about a meeting.",
                    "I wanted to help, so I talked to her for an hour.",
                    "Then it happened again the next week.",
                    "I realised we had never agreed how we would work together.",
                    "So we sat down and wrote a simple agreement.",
                ],
            },
        },
        {
            "type": "heading",
            "value": {
                "text": "Agreeing how you will work together",
                "level": "h3",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>In your first conversation, agree a simple <strong>mentoring "
                "agreement</strong>. Write it down and both keep a copy. Cover:</p>"
                "<ul><li><strong>What your mentee hopes to get</strong> from mentoring, in their "
                "own words.</li>"
                "<li><strong>How often and for how long</strong> you will meet, and how: by "
                "phone, by video or in person.</li>"
                "<li><strong>How to get in touch</strong> between sessions, and when you will "
                "reply.</li>"
                "<li><strong>Confidentiality</strong>: what you talk about stays between you, "
                "unless someone is at risk of harm. Explain this clearly at the start.</li>"
                "<li><strong>What happens if either of you needs to cancel</strong>, or wants to "
                "stop.</li>"
                "<li><strong>When you will check</strong> how it is going, for example after "
                "three sessions.</li>"
                "</ul>"
                "<p>Plan the ending from the start. Most mentoring works well for a set time, "
                "such as six months. Near the end, look back together at what has changed, and "
                "celebrate it. A good ending is part of good mentoring.</p>"
            ),
        },
        {
            "type": "inset_text",
            "value": {
                "body": (
                    "<p>Your lived experience is useful to your mentee, but the sessions are "
                    "about them, not you. Share a little of your story only when it helps, then "
                    "bring the focus back: 'That's what worked for me. What do you think might "
                    "work for you?'</p>"
                ),
            },
        },
        {
            "type": "peer_story",
            "value": {
                "title": "The mentor who didn't fix it",
                "story": (
                    "<p>I wanted my mentor to tell me whether to join a hospital board. She "
                    "didn't. Instead, she asked me what I hoped to get out of it, what worried "
                    "me, and how it would fit around dialysis three times a week. By the end of "
                    "the call, I knew the answer was 'not yet'. I decided to join a smaller group "
                    "first. If she had just told me what to do, I would not have trusted the "
                    "decision. Because I worked it out myself, I stuck with it.</p>"
                ),
                "storyteller": "Kwame",
                "context": (
                    "Fictional storyteller who lives with kidney disease, Step Three graduate"
                ),
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": "My job is not to have the answers. My job is to help you hear your own.",
                "attribution": "Priya Sharma, mentor (fictional)",
            },
        },
        {
            "type": "details",
            "value": {
                "title": "Confidentiality and its limits",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>Mentees need to feel safe to speak openly. Keep what they tell "
                            "you private. Do not share their story, even without names, unless "
                            "they agree.</p>"
                            "<p>But confidentiality has limits. If someone tells you that they, "
                            "or someone else, are at risk of serious harm, you must pass this on "
                            "to the programme's safeguarding lead. Tell your mentee you are doing "
                            "this, if it is safe to do so. Explain these limits in your first "
                            "session, so there are no surprises.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "reflection_prompt",
            "value": {
                "prompt": (
                    "What boundaries will you set as a mentor? Think about time, contact, and "
                    "what you will and will not share about yourself."
                ),
                "guidance": (
                    "Be realistic about your own health and other commitments. Write two or three "
                    "boundaries you could put in a mentoring agreement, and how you would explain "
                    "them kindly."
                ),
            },
        },
        {
            "type": "warning_callout",
            "value": {
                "title": "Look after yourself",
                "heading_level": 3,
                "body": (
                    "<p>Hearing about other people's hard experiences can stir up your own. Over "
                    "time it can wear you down. Use a debrief with the programme team after "
                    "difficult sessions. Never carry worries about a mentee on your own, and "
                    "never agree to keep a secret that puts someone at risk.</p>"
                ),
            },
        },
        {
            "type": "care_card",
            "value": {
                "type": "urgent",
                "heading_level": 3,
                "title": "If a mentee tells you they are in crisis",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>If a mentee tells you they are thinking of ending their life, or "
                            "that they are in danger, stay calm and stay with them if you can. If "
                            "they are in immediate danger, encourage them to call 999 or go to "
                            "A&amp;E. Otherwise, encourage them to call NHS 111, or Samaritans "
                            "free on 116 123.</p>"
                            "<p>Then tell the programme's safeguarding lead as soon as you can. "
                            "You do not have to handle this alone, and no one expects you to be a "
                            "counsellor.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "knowledge_check",
            "value": {
                "title": "Check your understanding",
                "questions": [
                    {
                        "question": "Which of these is part of a mentor's role?",
                        "options": [
                            {
                                "text": (
                                    "Listening, encouraging and helping your mentee find their "
                                    "own way"
                                ),
                                "correct": True,
                                "feedback": (
                                    "That's right. Mentors support people to make their own "
                                    "decisions, drawing on their own lived experience where it "
                                    "helps."
                                ),
                            },
                            {
                                "text": "Giving advice about medicines and treatment",
                                "correct": False,
                                "feedback": (
                                    "Not quite. That is a job for health professionals. A mentor "
                                    "can encourage their mentee to ask their care team."
                                ),
                            },
                            {
                                "text": (
                                    "Being available whenever your mentee needs you, day or night"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Not quite. It is kind to want to help, but mentors need "
                                    "boundaries too. Agree when and how you will be in touch."
                                ),
                            },
                        ],
                    },
                    {
                        "question": (
                            "Your mentee tells you something and asks you to keep it secret. It "
                            "suggests a child may be at risk of harm. What should you do?"
                        ),
                        "options": [
                            {
                                "text": "Keep it secret, because confidentiality is important",
                                "correct": False,
                                "feedback": (
                                    "Confidentiality does matter, but it has limits. When someone "
                                    "may be at risk of harm, you must pass it on to the "
                                    "safeguarding lead."
                                ),
                            },
                            {
                                "text": (
                                    "Tell your mentee you need to pass it on, then tell the "
                                    "programme's safeguarding lead"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Yes. Being honest with your mentee, where it is safe, and "
                                    "passing the concern to the safeguarding lead is the right "
                                    "thing to do."
                                ),
                            },
                            {
                                "text": "Try to sort it out yourself by contacting the family",
                                "correct": False,
                                "feedback": (
                                    "Not quite. Wanting to help is natural, but this could make "
                                    "things worse and put people at risk. The safeguarding lead "
                                    "knows what to do."
                                ),
                            },
                        ],
                    },
                ],
            },
        },
        {
            "type": "discussion_prompt",
            "value": {
                "prompt": (
                    "What did you want from a mentor when you first started? How can you offer "
                    "that to others?"
                ),
                "guidance": (
                    "Think back to Step One. Share what helped you and what you wish had been "
                    "different. Use this to shape the kind of mentor you want to be."
                ),
            },
        },
    ],
}


# Step 4, lesson 2: Coaching-style conversations
_STEP_FOUR_LESSON_2: dict[str, Any] = {
    "title": "Coaching-style conversations",
    "slug": "coaching-style-conversations",
    "summary": (
        "Practise the listening skills that help people feel heard, and a simple four-part "
        "conversation that helps someone move from feeling stuck to taking a first step, in their "
        "own way."
    ),
    "estimated_minutes": 30,
    "completion": ["reached_end", "reflections_saved"],
    "mentors": ["tomasz-nowak"],
    "body": [
        {
            "type": "heading",
            "value": {
                "text": "Listening is the main skill",
                "level": "h2",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>Most of what makes a conversation helpful is good listening. When someone "
                "feels truly heard, they often start to find their own answers. Three skills make "
                "a big difference:</p>"
                "<ul><li><strong>Open questions</strong> start with words like what, how or 'tell "
                "me'. 'What happened next?' invites much more than 'Was it bad?'</li>"
                "<li><strong>Reflecting back</strong> means saying the key idea again in your own "
                "words: 'So it sounds like the meeting left you feeling unheard.' It shows you "
                "understand, and it lets the person correct you.</li>"
                "<li><strong>Silence</strong> gives people time to think. Count to five in your "
                "head before you speak. People often say the most important thing after a "
                "pause.</li>"
                "</ul>"
                "<p>Try not to jump in with your own story, or offer solutions too early. It is "
                "tempting, because you want to help. But advice given too soon can leave people "
                "feeling they have not been heard.</p>"
            ),
        },
        {
            "type": "image",
            "value": {
                "illustration": "bridge",
                "alt_text": "A simple drawing of an arched bridge over water",
                "decorative": False,
                "caption": (
                    "A good conversation helps someone cross from feeling stuck to a first step."
                ),
            },
        },
        {
            "type": "video",
            "value": {
                "title": (
                    "A stepping stones conversation: role play with Tomasz (fictional mentor)"
                ),
                "transcript": (
                    "<p>Tomasz: Let's start with where things are today. How are you feeling "
                    "about the patient panel?</p>"
                    "<p>Learner: Honestly? Stuck. I keep going, but I never speak.</p>"
                    "<p>Tomasz: That sounds frustrating. What would you like to be different?</p>"
                    "<p>Learner: I'd like to make one point at the next meeting. Just one.</p>"
                    "<p>Tomasz: What could you try? Let's think of a few options.</p>"
                    "<p>Learner: I could write it down first. Or talk to the chair before the "
                    "meeting. Or ask my friend on the panel to back me up.</p>"
                    "<p>Tomasz: Which of those feels like a good first step?</p>"
                    "<p>Learner: Talking to the chair. I'll email her on Monday.</p>"
                    "<p><em>This is a role play. Tomasz is a fictional mentor and the learner is "
                    "a fictional character.</em></p>"
                ),
                "captions": [
                    "Tomasz: Let's start with where things are today.",
                    "How are you feeling about the patient panel?",
                    "Learner: Honestly? Stuck.",
                    "I keep going, but I never speak.",
                    "Tomasz: That sounds frustrating.",
                    "What would you like to be different?",
                ],
            },
        },
        {
            "type": "heading",
            "value": {
                "text": "The stepping stones conversation",
                "level": "h3",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>When someone feels stuck, this four-part structure can help. We call it the "
                "<strong>stepping stones</strong> conversation:</p>"
                "<ol><li><strong>Today</strong>: where are things now? 'What's happening at the "
                "moment?'</li>"
                "<li><strong>Hope</strong>: what would they like to be different? 'If this went "
                "well, what would it look like?'</li>"
                "<li><strong>Options</strong>: what could they try? Help them list several ideas "
                "before choosing. 'What else could you do?'</li>"
                "<li><strong>First step</strong>: what is one small thing they will do, and when? "
                "'What will you do first, and by when?'</li>"
                "</ol>"
                "<p>You do not need to follow the stones in a strict order. Sometimes people need "
                "to stay on Today for a long time before they can think about Hope. That is fine. "
                "Let the person lead, and use the structure to move gently forward when they are "
                "ready.</p>"
            ),
        },
        {
            "type": "inset_text",
            "value": {
                "body": (
                    "<p>This kind of support works best when the person chooses their own first "
                    "step. A step they choose, however small, is far more likely to happen than a "
                    "big step someone else suggests.</p>"
                ),
            },
        },
        {
            "type": "peer_story",
            "value": {
                "title": "One email on a Monday",
                "story": (
                    "<p>My mentee had been in her GP practice's patient group for a year and felt "
                    "invisible. I wanted to give her a list of tips. Instead, I used the stepping "
                    "stones. We spent most of the call on Today, because she needed to talk about "
                    "how it felt. When we got to Options, she came up with five ideas herself. "
                    "She chose to email the chair and ask for a slot on the next agenda. It was a "
                    "tiny step, but she got the slot, and she spoke for five minutes about making "
                    "booking easier for disabled patients. She told me later that it mattered "
                    "that the idea was hers.</p>"
                ),
                "storyteller": "Lena",
                "context": (
                    "Fictional storyteller who lives with multiple sclerosis, Step Four graduate "
                    "and mentor"
                ),
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": "The most useful question I know has only two words: what else?",
                "attribution": "Tomasz Nowak, mentor (fictional)",
            },
        },
        {
            "type": "details",
            "value": {
                "title": "Questions to keep in your pocket",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>Have a few open questions ready for when you are not sure what to "
                            "say:</p>"
                            "<ul><li>'What's most on your mind today?'</li>"
                            "<li>'What have you already tried?'</li>"
                            "<li>'What would you say to a friend in this situation?'</li>"
                            "<li>'What's one thing that would make this a little easier?'</li>"
                            "<li>'What support do you need, and from whom?'</li>"
                            "<li>'How will you know it has gone well?'</li>"
                            "</ul>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "reflection_prompt",
            "value": {
                "prompt": (
                    "Think of a recent conversation where someone came to you with a problem. How "
                    "much did you listen, and how much did you advise? What might you do "
                    "differently?"
                ),
                "guidance": (
                    "There is no perfect balance for every conversation. The aim is to notice "
                    "your habits. Pick one listening skill from this lesson to practise this week."
                ),
            },
        },
        {
            "type": "warning_callout",
            "value": {
                "title": "Look after yourself",
                "heading_level": 3,
                "body": (
                    "<p>Supportive conversations can go to deep places. If a conversation moves "
                    "into areas you are not trained for, such as trauma, serious mental illness "
                    "or legal problems, it is fine to say so. Help the person think about who "
                    "could support them, such as their GP or a specialist service. Knowing your "
                    "limits is a strength.</p>"
                ),
            },
        },
        {
            "type": "care_card",
            "value": {
                "type": "primary",
                "heading_level": 3,
                "title": "If you are worried about someone's wellbeing",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>If you become worried about someone's mental or physical health "
                            "during a conversation, say so kindly and encourage them to get "
                            "support. They could speak to their GP, call NHS 111, or call "
                            "Samaritans free on 116 123.</p>"
                            "<p>If you think someone is at risk of harm, talk to the programme's "
                            "safeguarding lead. If someone is in immediate danger, call 999.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "knowledge_check",
            "value": {
                "title": "Check your understanding",
                "questions": [
                    {
                        "question": "Which of these is an open question?",
                        "options": [
                            {
                                "text": "'Did the meeting go well?'",
                                "correct": False,
                                "feedback": (
                                    "Not quite. This can be answered with yes or no, so it may "
                                    "not open up the conversation. Try starting with what or how."
                                ),
                            },
                            {
                                "text": "'What was the meeting like for you?'",
                                "correct": True,
                                "feedback": (
                                    "That's right. Open questions invite people to say more and "
                                    "to share what matters to them."
                                ),
                            },
                            {
                                "text": "'You should talk to the chair, shouldn't you?'",
                                "correct": False,
                                "feedback": (
                                    "Not quite. This is advice dressed up as a question. It "
                                    "steers the person towards your answer rather than their own."
                                ),
                            },
                        ],
                    },
                    {
                        "question": (
                            "In the stepping stones conversation, what is the 'First step'?"
                        ),
                        "options": [
                            {
                                "text": "A small action the person chooses, with a time to do it",
                                "correct": True,
                                "feedback": (
                                    "Yes. A small, clear step that the person has chosen is the "
                                    "one most likely to happen."
                                ),
                            },
                            {
                                "text": "The mentor's advice about what to do",
                                "correct": False,
                                "feedback": (
                                    "Not quite. The mentor helps the person think, but the first "
                                    "step should be the person's own choice."
                                ),
                            },
                            {
                                "text": "A big goal for the next year",
                                "correct": False,
                                "feedback": (
                                    "Not quite. Bigger goals belong in the Hope part. The first "
                                    "step is something small and soon."
                                ),
                            },
                        ],
                    },
                ],
            },
        },
        {
            "type": "discussion_prompt",
            "value": {
                "prompt": (
                    "In twos or threes, practise a ten-minute stepping stones conversation about "
                    "a real but everyday issue. Then swap roles."
                ),
                "guidance": (
                    "Choose something that is not too personal, such as a change to your routine. "
                    "If there is an observer, they notice open questions, reflecting back and "
                    "silences. Share feedback that is specific, kind and useful."
                ),
            },
        },
    ],
}


# Step 4, lesson 3: Facilitating groups
_STEP_FOUR_LESSON_3: dict[str, Any] = {
    "title": "Facilitating groups",
    "slug": "facilitating-groups",
    "summary": (
        "Learn how to plan and run a peer group or workshop where everyone can take part. Covers "
        "group agreements, ways for quieter people to contribute, handling strong voices, and "
        "what to do when things get difficult."
    ),
    "estimated_minutes": 45,
    "completion": ["reached_end"],
    "mentors": ["margaret-holloway"],
    "body": [
        {
            "type": "heading",
            "value": {
                "text": "The facilitator's job",
                "level": "h2",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>A facilitator helps a group do its work. You are not the expert at the front. "
                "You guide the process, so that people can share, think and decide together. A "
                "good facilitator makes sure quieter people are heard, keeps to time and helps "
                "the group feel safe.</p>"
                "<p>Good facilitation starts long before the session. When you plan, think about "
                "four things:</p>"
                "<ul><li><strong>Purpose</strong>: what should the group have done by the end? "
                "Write it in one sentence.</li>"
                "<li><strong>People</strong>: who is coming, and what do they need to take part? "
                "Ask about access needs in advance.</li>"
                "<li><strong>Place</strong>: is the room, or the online space, accessible, quiet "
                "and comfortable? Are there breaks?</li>"
                "<li><strong>Plan</strong>: a simple running order with timings, and a backup if "
                "things run late.</li>"
                "</ul>"
            ),
        },
        {
            "type": "image",
            "value": {
                "illustration": "circles",
                "alt_text": (
                    "Three overlapping coloured circles labelled Me, My community and Services"
                ),
                "decorative": False,
                "caption": "A facilitator helps different people find the ground they share.",
            },
        },
        {
            "type": "video",
            "value": {
                "title": (
                    "Margaret on running a group where everyone can take part (fictional mentor)"
                ),
                "transcript": (
                    "<p>I'm Margaret. This is a voice-over of what I'm signing. When I "
                    "facilitate, I start with access, not the agenda. I ask everyone what helps "
                    "them take part. Then we make a group agreement together. It takes ten "
                    "minutes. It saves hours of trouble later.</p>"
                    "<p>I also offer lots of ways to contribute. People can speak, sign, write on "
                    "sticky notes, type in the chat or talk in pairs first. Not everyone thinks "
                    "best out loud in a big group. If you only take ideas from the people who "
                    "speak first, you miss half the room.</p>"
                    "<p><em>Margaret is a fictional mentor created for this "
                    "demonstration.</em></p>"
                ),
                "captions": [
                    "I'm Margaret. This is a voice-over of what I'm signing.",
                    "When I facilitate, I start with access, not the agenda.",
                    "I ask everyone what helps them take part.",
                    "Then we make a group agreement together.",
                    "It takes ten minutes.",
                    "It saves hours of trouble later.",
                ],
            },
        },
        {
            "type": "heading",
            "value": {
                "text": "Making a group agreement",
                "level": "h3",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p>A group agreement is a short list of the ways a group agrees to behave. Make "
                "it together at the first session and keep it where everyone can see it. Ask: "
                "'What do we need from each other to make this a good space?' Common points "
                "include:</p>"
                "<ul><li>What is shared in the group stays in the group.</li>"
                "<li>One person speaks at a time.</li>"
                "<li>Speak from your own experience, using 'I'.</li>"
                "<li>It is fine to pass, to step out or to turn your camera off.</li>"
                "<li>Respect different views and experiences.</li>"
                "<li>Phones on silent, unless someone needs theirs for health or caring "
                "reasons.</li>"
                "</ul>"
                "<p>When something goes wrong, you can point back to it gently: 'Can I remind us "
                "of our agreement about one voice at a time?'</p>"
            ),
        },
        {
            "type": "heading",
            "value": {
                "text": "When things get tricky",
                "level": "h3",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<p><strong>If one person talks a lot</strong>: thank them, then open it up. "
                "'Thanks, Sam. I'd love to hear from someone who hasn't spoken yet.' Rounds, "
                "where everyone gets a turn, help too.</p>"
                "<p><strong>If someone becomes upset</strong>: slow down. Acknowledge it: 'This "
                "is clearly really important.' Offer a break, and check in with them privately "
                "afterwards.</p>"
                "<p><strong>If there is conflict</strong>: name it calmly, remind the group of "
                "the agreement, and focus on the issue, not the people. It is fine to say, 'Let's "
                "park this and come back to it.'</p>"
                "<p><strong>If someone shares something that worries you</strong>: follow the "
                "programme's safeguarding process, just as you would in one-to-one mentoring.</p>"
            ),
        },
        {
            "type": "inset_text",
            "value": {
                "body": (
                    "<p>Facilitate with a partner when you can. Two facilitators can share the "
                    "energy and notice different things, and one can step out with anyone who "
                    "needs support.</p>"
                ),
            },
        },
        {
            "type": "peer_story",
            "value": {
                "title": "The sticky notes that changed a workshop",
                "story": (
                    "<p>I co-facilitated a workshop about a new autism assessment service. In the "
                    "first hour, the same three people did all the talking. At the break, my "
                    "co-facilitator and I changed the plan. We gave everyone sticky notes and "
                    "five quiet minutes to write their ideas, then grouped them on the wall. "
                    "Suddenly we had forty ideas instead of ten, and some of the best came from "
                    "people who hadn't said a word. I'm autistic myself, so I should have thought "
                    "of that at the start. Now I always do.</p>"
                ),
                "storyteller": "Daniel",
                "context": "Fictional storyteller, autistic adult, Step Four graduate",
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": (
                    "A good facilitator is like a good host. You notice who hasn't got a cup of "
                    "tea yet."
                ),
                "attribution": "Margaret Holloway, mentor (fictional)",
            },
        },
        {
            "type": "details",
            "value": {
                "title": "A simple plan for a 90-minute peer group",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<ul><li><strong>0 to 10 minutes</strong>: welcome, access check and "
                            "group agreement.</li>"
                            "<li><strong>10 to 25 minutes</strong>: a round of 'one thing on my "
                            "mind' (anyone can pass).</li>"
                            "<li><strong>25 to 55 minutes</strong>: the main topic, starting in "
                            "pairs before the whole group.</li>"
                            "<li><strong>55 to 65 minutes</strong>: a break.</li>"
                            "<li><strong>65 to 85 minutes</strong>: what have we learned, and "
                            "what will each of us take away?</li>"
                            "<li><strong>85 to 90 minutes</strong>: close, thanks, and details of "
                            "the next session.</li>"
                            "</ul>"
                            "<p>Leave time for people to arrive and settle, and for a quiet word "
                            "at the end.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "reflection_prompt",
            "value": {
                "prompt": (
                    "Think about a group you have been part of that worked well. What did the "
                    "facilitator do that helped?"
                ),
                "guidance": (
                    "Think about the start, the middle and the end of the session. What made you "
                    "feel welcome, heard and safe? Note one thing you want to copy when you "
                    "facilitate."
                ),
            },
        },
        {
            "type": "warning_callout",
            "value": {
                "title": "Look after yourself",
                "heading_level": 3,
                "body": (
                    "<p>Facilitating takes a lot of concentration. Plan a short debrief with your "
                    "co-facilitator or the programme team after each session. Talk about what "
                    "went well and anything that worried you. Do not take difficult stories home "
                    "and carry them alone.</p>"
                ),
            },
        },
        {
            "type": "care_card",
            "value": {
                "type": "primary",
                "heading_level": 3,
                "title": "If someone in your group needs support",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>If someone in your group becomes very distressed, offer them a "
                            "quiet space and a choice about what happens next. Tell them where "
                            "they can get support: their GP, NHS 111, or Samaritans free on 116 "
                            "123, day or night.</p>"
                            "<p>If you think someone is at risk of harm, follow the safeguarding "
                            "process and tell the programme's safeguarding lead. In an emergency, "
                            "call 999.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "knowledge_check",
            "value": {
                "title": "Check your understanding",
                "questions": [
                    {
                        "question": (
                            "One person keeps talking over others. What is a good first response?"
                        ),
                        "options": [
                            {
                                "text": (
                                    "Thank them, then invite someone who hasn't spoken yet to "
                                    "come in"
                                ),
                                "correct": True,
                                "feedback": (
                                    "That's right. This is respectful to the person talking, and "
                                    "it makes space for others."
                                ),
                            },
                            {
                                "text": (
                                    "Tell them in front of the group that they are talking too much"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Not quite. This could embarrass them and make the group feel "
                                    "less safe. Start gently, and talk to them privately if it "
                                    "keeps happening."
                                ),
                            },
                            {
                                "text": "Let them carry on, so there is no conflict",
                                "correct": False,
                                "feedback": (
                                    "Wanting to avoid conflict is understandable, but it means "
                                    "other voices are lost. A gentle redirect is fairer for "
                                    "everyone."
                                ),
                            },
                        ],
                    },
                    {
                        "question": (
                            "Why make a group agreement together, rather than handing one out?"
                        ),
                        "options": [
                            {
                                "text": (
                                    "People are more likely to keep to an agreement they helped "
                                    "to make"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Yes. When the group makes the agreement, people own it, and "
                                    "it reflects what they really need."
                                ),
                            },
                            {
                                "text": "It saves the facilitator from having to prepare",
                                "correct": False,
                                "feedback": (
                                    "Not quite. You still need to prepare. Making the agreement "
                                    "together is about shared ownership, not saving work."
                                ),
                            },
                            {
                                "text": "So that the facilitator does not have to follow it",
                                "correct": False,
                                "feedback": (
                                    "Not quite. Everyone keeps to the group agreement, including "
                                    "the facilitator."
                                ),
                            },
                        ],
                    },
                ],
            },
        },
        {
            "type": "discussion_prompt",
            "value": {
                "prompt": (
                    "Plan a short, 30-minute peer session on a topic of your choice. Share your "
                    "plan with your group for feedback."
                ),
                "guidance": (
                    "Include the purpose, how you will check access needs, a group agreement, one "
                    "activity that lets quieter people take part, and how you will close. Give "
                    "each other feedback that is specific, kind and useful."
                ),
            },
        },
    ],
}


#: The four steps, in order. Step Four is for graduates of Steps One to Three.
STEPS: list[dict[str, Any]] = [
    {
        "step_number": 1,
        "title": "Your story, your strengths",
        "slug": "your-story-your-strengths",
        "summary": (
            "Start here. Find out what peer leadership is, discover the strengths your experience "
            "has given you, and learn to tell your story in a short, clear and safe way. You will "
            "also explore personalised care and what it means to be an equal partner in your own "
            "care."
        ),
        "who_it_is_for": (
            "<p>This step is for anyone with lived experience of health or care who is curious "
            "about peer leadership. You do not need to have done anything like this before.</p>"
            "<p>If you are not sure whether you are ready, this step is a gentle place to find "
            "out. You can take it one lesson at a time.</p>"
        ),
        "learning_outcomes": [
            "Explain in your own words what a peer leader does",
            "Name at least three strengths that your experience has given you",
            (
                "Tell a short version of your story with a clear purpose, choosing what to keep "
                "private"
            ),
            "Describe what personalised care means and ask for care that fits your life",
        ],
        "estimated_hours": "6",
        "prerequisites": [],
        "eligibility": "open",
        "mentors": ["amara-okafor", "jordan-reid"],
        "lessons": [
            _STEP_ONE_LESSON_1,
            _STEP_ONE_LESSON_2,
            _STEP_ONE_LESSON_3,
        ],
    },
    {
        "step_number": 2,
        "title": "Working together",
        "slug": "working-together",
        "summary": (
            "Learn how to work with others as an equal partner. Explore what real co-production "
            "looks like and how health and care decisions are made. Find out how to make sure "
            "that people who are often left out are heard."
        ),
        "who_it_is_for": (
            "<p>This step is for people who have finished Step One. It is especially useful if "
            "you are thinking about joining a group, panel or project, or if you already have and "
            "want to get more out of it.</p>"
            "<p>You will use the story and strengths you explored in Step One, and start to "
            "connect them with the bigger picture.</p>"
        ),
        "learning_outcomes": [
            "Tell the difference between informing, consulting, involving and co-producing",
            (
                "Describe in plain English how health and care decisions are made and where you "
                "can have a say"
            ),
            "Notice who is missing from a conversation and suggest practical ways to include them",
            "Ask for the reasonable adjustments and support you need to take part",
        ],
        "estimated_hours": "8",
        "prerequisites": [1],
        "eligibility": "open",
        "mentors": ["priya-sharma", "margaret-holloway", "gareth-morgan"],
        "lessons": [
            _STEP_TWO_LESSON_1,
            _STEP_TWO_LESSON_2,
            _STEP_TWO_LESSON_3,
        ],
    },
    {
        "step_number": 3,
        "title": "Leading change",
        "slug": "leading-change",
        "summary": (
            "Build the practical skills to make change happen. Prepare for meetings, speak up "
            "with confidence, give and receive feedback well, and set boundaries that protect "
            "your health, so you can keep leading for the long term."
        ),
        "who_it_is_for": (
            "<p>This step is for people who have finished Steps One and Two and feel ready to "
            "take a more active part in meetings, panels or projects.</p>"
            "<p>It is also useful if you already take part in involvement work and sometimes find "
            "it hard to be heard, or find it tiring.</p>"
        ),
        "learning_outcomes": [
            "Prepare for a meeting using a simple before, during and after plan",
            "Make a clear case for change using SEEN: Situation, Effect, Evidence, Next step",
            "Give feedback that is specific, kind and useful, and receive feedback calmly",
            "Set and keep boundaries that protect your health, time and privacy",
        ],
        "estimated_hours": "8",
        "prerequisites": [1, 2],
        "eligibility": "open",
        "mentors": ["gareth-morgan", "tomasz-nowak", "jordan-reid"],
        "lessons": [
            _STEP_THREE_LESSON_1,
            _STEP_THREE_LESSON_2,
            _STEP_THREE_LESSON_3,
            _STEP_THREE_LESSON_4,
        ],
    },
    {
        "step_number": 4,
        "title": "Supporting others",
        "slug": "supporting-others",
        "summary": (
            "For programme graduates. Learn how to support new peer leaders as a mentor, hold "
            "helpful coaching-style conversations, and facilitate groups where everyone can take "
            "part, while keeping yourself and others safe."
        ),
        "who_it_is_for": (
            "<p>This step is for people who have completed Steps One, Two and Three. It is for "
            "graduates who would like to mentor new learners, run peer groups or help to "
            "facilitate workshops.</p>"
            "<p>You do not need to have done this before. You will build on everything you have "
            "learned so far, including your story, your strengths and your boundaries.</p>"
        ),
        "learning_outcomes": [
            "Explain what a mentor does and does not do, and agree clear boundaries with a mentee",
            "Use open questions, reflecting back and silence to help someone feel heard",
            (
                "Hold a stepping stones conversation that ends with a first step the person has "
                "chosen"
            ),
            "Plan and facilitate an inclusive group session with a group agreement",
            "Know what to do if someone shares something that worries you, including safeguarding",
        ],
        "estimated_hours": "10",
        "prerequisites": [1, 2, 3],
        "eligibility": "graduates",
        "mentors": ["tomasz-nowak", "margaret-holloway", "priya-sharma"],
        "lessons": [
            _STEP_FOUR_LESSON_1,
            _STEP_FOUR_LESSON_2,
            _STEP_FOUR_LESSON_3,
        ],
    },
]
