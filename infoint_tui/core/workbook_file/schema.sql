-- The newest workbook schema, exactly as running every migration on an empty file leaves it.
-- Written by `python -m infoint_tui.core.workbook_file.schema_snapshot`: do not edit, run that
-- after adding a migration. New workbooks are made from this file (see schema_snapshot.py).

CREATE TABLE alembic_version (
	version_num TEXT NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE contact (
	name TEXT NOT NULL, 
	organization TEXT NOT NULL, 
	title TEXT NOT NULL, 
	career_field TEXT NOT NULL, 
	email TEXT NOT NULL, 
	phone TEXT NOT NULL, 
	location TEXT NOT NULL, 
	linkedin_url TEXT NOT NULL, 
	source TEXT NOT NULL, 
	warmth TEXT NOT NULL, 
	may_mention_referrer INTEGER NOT NULL, 
	intent TEXT NOT NULL, 
	notes TEXT NOT NULL, 
	id INTEGER NOT NULL, 
	referred_by_id INTEGER, 
	stage TEXT NOT NULL, 
	stage_entered_at TEXT NOT NULL, 
	created_at TEXT NOT NULL, 
	updated_at TEXT NOT NULL, warmth_is_manual INTEGER DEFAULT '0' NOT NULL, phone_e164 TEXT DEFAULT '' NOT NULL, greet_as TEXT DEFAULT '' NOT NULL, 
	CONSTRAINT ck_contact_intent CHECK (intent IN ('informational', 'job_search')), 
	CONSTRAINT ck_contact_name_not_blank CHECK (length(trim(name)) > 0), 
	CONSTRAINT ck_contact_not_self_referred CHECK (referred_by_id IS NULL OR referred_by_id != id), 
	CONSTRAINT ck_contact_source CHECK (source IN ('friend', 'family', 'faculty', 'staff', 'coach', 'roommate', 'colleague', 'alumni_database', 'event_or_class', 'list_or_website', 'referral', 'linkedin', 'other')), 
	CONSTRAINT ck_contact_stage CHECK (stage IN ('prospect', 'requested', 'scheduled', 'met', 'thanked', 'keeping_in_touch', 'parked')), 
	CONSTRAINT ck_contact_warmth CHECK (warmth IN ('hot', 'warm', 'cold')), 
	CONSTRAINT fk_contact_referred_by_id_contact FOREIGN KEY(referred_by_id) REFERENCES contact (id) ON DELETE SET NULL, 
	CONSTRAINT pk_contact PRIMARY KEY (id)
)
 STRICT

;
CREATE TABLE "fact" (
	id INTEGER NOT NULL, 
	contact_id INTEGER NOT NULL, 
	interview_id INTEGER, 
	kind TEXT NOT NULL, 
	at TEXT NOT NULL, 
	channel TEXT NOT NULL, 
	outcome TEXT NOT NULL, 
	note TEXT NOT NULL, 
	created_at TEXT NOT NULL, 
	message TEXT DEFAULT '' NOT NULL, 
	CONSTRAINT ck_fact_channel CHECK (channel = '' OR channel IN ('email', 'linkedin', 'call', 'message', 'coffee', 'event', 'other')), 
	CONSTRAINT ck_fact_kind CHECK (kind IN ('request_sent', 'request_followed_up', 'second_contact_tried', 'reply', 'notes_jotted', 'thank_you_sent', 'reconnected', 'interaction', 'parked', 'unparked')), 
	CONSTRAINT ck_fact_outcome CHECK (outcome = '' OR outcome IN ('agreed', 'declined', 'no_answer')), 
	CONSTRAINT ck_fact_reply_has_outcome CHECK (kind != 'reply' OR outcome != ''), 
	CONSTRAINT fk_fact_contact_id_contact FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE, 
	CONSTRAINT fk_fact_interview_id_interview FOREIGN KEY(interview_id) REFERENCES interview (id) ON DELETE SET NULL, 
	CONSTRAINT pk_fact PRIMARY KEY (id)
)
 STRICT

;
CREATE TABLE "follow_up" (
	id INTEGER NOT NULL, 
	contact_id INTEGER NOT NULL, 
	interview_id INTEGER, 
	kind TEXT NOT NULL, 
	due_at TEXT NOT NULL, 
	done_at TEXT, 
	snoozed_until TEXT, 
	created_at TEXT NOT NULL, 
	cancelled_at TEXT, 
	detail TEXT DEFAULT ('') NOT NULL, 
	fact_id INTEGER, 
	closed_by TEXT DEFAULT '' NOT NULL, 
	reason TEXT DEFAULT '' NOT NULL, 
	CONSTRAINT ck_follow_up_closed_by CHECK (closed_by = '' OR closed_by IN ('rule', 'person')), 
	CONSTRAINT ck_follow_up_kind CHECK (kind IN ('jot_notes', 'thank_you', 'reach_referral', 'schedule_talk', 'second_contact', 'follow_up_request', 'reconnect')), 
	CONSTRAINT fk_follow_up_contact_id_contact FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE, 
	CONSTRAINT fk_follow_up_fact_id_fact FOREIGN KEY(fact_id) REFERENCES fact (id) ON DELETE SET NULL, 
	CONSTRAINT fk_follow_up_interview_id_interview FOREIGN KEY(interview_id) REFERENCES interview (id) ON DELETE SET NULL, 
	CONSTRAINT pk_follow_up PRIMARY KEY (id)
)
 STRICT

;
CREATE TABLE interview (
	contact_id INTEGER NOT NULL, 
	scheduled_at TEXT, 
	length_minutes INTEGER NOT NULL, 
	mode TEXT NOT NULL, 
	location TEXT NOT NULL, 
	companion TEXT NOT NULL, 
	intent TEXT NOT NULL, 
	id INTEGER NOT NULL, 
	status TEXT NOT NULL, 
	started_at TEXT, 
	ended_at TEXT, 
	paused_at TEXT, 
	paused_seconds INTEGER NOT NULL, 
	extra_minutes INTEGER NOT NULL, 
	story TEXT NOT NULL, 
	field_notes TEXT NOT NULL, 
	org_notes TEXT NOT NULL, 
	debrief_learned TEXT NOT NULL, 
	debrief_open_questions TEXT NOT NULL, 
	debrief_impressions TEXT NOT NULL, 
	debrief_direction TEXT NOT NULL, 
	created_at TEXT NOT NULL, 
	updated_at TEXT NOT NULL, talk_notes TEXT DEFAULT '' NOT NULL, current_question_id INTEGER, travel_minutes INTEGER DEFAULT '0' NOT NULL, 
	CONSTRAINT ck_interview_intent CHECK (intent IN ('informational', 'job_search')), 
	CONSTRAINT ck_interview_length CHECK (length_minutes BETWEEN 5 AND 480), 
	CONSTRAINT ck_interview_mode CHECK (mode IN ('in_person_workplace', 'in_person_elsewhere', 'video', 'phone', 'email')), 
	CONSTRAINT ck_interview_status CHECK (status IN ('planned', 'live', 'done', 'cancelled')), 
	CONSTRAINT ck_interview_timer_non_negative CHECK (paused_seconds >= 0 AND extra_minutes >= 0), 
	CONSTRAINT fk_interview_contact_id_contact FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE, 
	CONSTRAINT pk_interview PRIMARY KEY (id)
)
 STRICT

;
CREATE TABLE interview_question (
	id INTEGER NOT NULL, 
	interview_id INTEGER NOT NULL, 
	question_id INTEGER, 
	text TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	answer TEXT NOT NULL, 
	answered INTEGER NOT NULL, 
	required INTEGER NOT NULL, 
	CONSTRAINT ck_interview_question_text_not_blank CHECK (length(trim(text)) > 0), 
	CONSTRAINT fk_interview_question_interview_id_interview FOREIGN KEY(interview_id) REFERENCES interview (id) ON DELETE CASCADE, 
	CONSTRAINT fk_interview_question_question_id_question FOREIGN KEY(question_id) REFERENCES question (id) ON DELETE SET NULL, 
	CONSTRAINT pk_interview_question PRIMARY KEY (id)
)
 STRICT

;
CREATE TABLE message_draft (
	id INTEGER NOT NULL, 
	contact_id INTEGER NOT NULL, 
	kind TEXT NOT NULL, 
	channel TEXT NOT NULL, 
	subject TEXT NOT NULL, 
	body TEXT NOT NULL, 
	updated_at TEXT NOT NULL, 
	CONSTRAINT ck_message_draft_channel CHECK (channel IN ('email', 'linkedin', 'copy')), 
	CONSTRAINT ck_message_draft_kind CHECK (kind IN ('outreach', 'outreach_job', 'referral_intro', 'referral_unnamed', 'ask_around', 'follow_up_request', 'second_contact', 'thank_you', 'reconnect')), 
	CONSTRAINT fk_message_draft_contact_id_contact FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE, 
	CONSTRAINT pk_message_draft PRIMARY KEY (id), 
	CONSTRAINT uq_message_draft_contact_kind UNIQUE (contact_id, kind)
)
 STRICT

;
CREATE TABLE "message_template" (
	id INTEGER NOT NULL, 
	kind TEXT NOT NULL, 
	subject TEXT NOT NULL, 
	body TEXT NOT NULL, 
	updated_at TEXT NOT NULL, 
	CONSTRAINT ck_message_template_kind CHECK (kind IN ('outreach', 'outreach_job', 'referral_intro', 'referral_unnamed', 'ask_around', 'follow_up_request', 'second_contact', 'thank_you', 'reconnect')), 
	CONSTRAINT pk_message_template PRIMARY KEY (id), 
	CONSTRAINT uq_message_template_kind UNIQUE (kind)
)
 STRICT

;
CREATE TABLE note (
	id INTEGER NOT NULL, 
	interview_id INTEGER NOT NULL, 
	offset_seconds INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	created_at TEXT NOT NULL, 
	CONSTRAINT ck_note_offset_non_negative CHECK (offset_seconds >= 0), 
	CONSTRAINT fk_note_interview_id_interview FOREIGN KEY(interview_id) REFERENCES interview (id) ON DELETE CASCADE, 
	CONSTRAINT pk_note PRIMARY KEY (id)
)
 STRICT

;
CREATE TABLE prep_item (
	id INTEGER NOT NULL, 
	interview_id INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	applies_to TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	done_at TEXT, 
	CONSTRAINT ck_prep_item_applies_to CHECK (applies_to IN ('all', 'in_person')), 
	CONSTRAINT fk_prep_item_interview_id_interview FOREIGN KEY(interview_id) REFERENCES interview (id) ON DELETE CASCADE, 
	CONSTRAINT pk_prep_item PRIMARY KEY (id)
)
 STRICT

;
CREATE TABLE prep_template_item (
	id INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	applies_to TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	builtin INTEGER NOT NULL, 
	CONSTRAINT ck_prep_template_item_applies_to CHECK (applies_to IN ('all', 'in_person')), 
	CONSTRAINT pk_prep_template_item PRIMARY KEY (id)
)
 STRICT

;
CREATE TABLE question (
	id INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	topic TEXT NOT NULL, 
	required INTEGER NOT NULL, 
	builtin INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	CONSTRAINT ck_question_text_not_blank CHECK (length(trim(text)) > 0), 
	CONSTRAINT pk_question PRIMARY KEY (id), 
	CONSTRAINT uq_question_text UNIQUE (text)
)
 STRICT

;
CREATE VIRTUAL TABLE search_index USING fts5(body, kind UNINDEXED, contact_id UNINDEXED, interview_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE stage_change (
	id INTEGER NOT NULL, 
	contact_id INTEGER NOT NULL, 
	stage TEXT NOT NULL, 
	from_stage TEXT, 
	entered_at TEXT NOT NULL, 
	CONSTRAINT ck_stage_change_from_stage CHECK (from_stage IS NULL OR from_stage IN ('prospect', 'requested', 'scheduled', 'met', 'thanked', 'keeping_in_touch', 'parked')), 
	CONSTRAINT ck_stage_change_stage CHECK (stage IN ('prospect', 'requested', 'scheduled', 'met', 'thanked', 'keeping_in_touch', 'parked')), 
	CONSTRAINT fk_stage_change_contact_id_contact FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE, 
	CONSTRAINT pk_stage_change PRIMARY KEY (id)
)
 STRICT

;
CREATE TABLE workbook_meta (
	id INTEGER NOT NULL, 
	"key" TEXT NOT NULL, 
	value TEXT NOT NULL, 
	CONSTRAINT pk_workbook_meta PRIMARY KEY (id), 
	CONSTRAINT uq_workbook_meta_key UNIQUE ("key")
)
 STRICT

;
CREATE INDEX ix_contact_referred_by_id ON contact (referred_by_id);
CREATE INDEX ix_contact_warmth_stage ON contact (warmth, stage);
CREATE INDEX ix_fact_contact_id ON fact (contact_id);
CREATE INDEX ix_fact_interview_id ON fact (interview_id);
CREATE INDEX ix_follow_up_contact_id ON follow_up (contact_id);
CREATE INDEX ix_follow_up_due_at ON follow_up (due_at);
CREATE INDEX ix_follow_up_fact_id ON follow_up (fact_id);
CREATE INDEX ix_follow_up_interview_id ON follow_up (interview_id);
CREATE INDEX ix_interview_contact_id ON interview (contact_id);
CREATE INDEX ix_interview_question_interview_id ON interview_question (interview_id);
CREATE INDEX ix_message_draft_contact_id ON message_draft (contact_id);
CREATE INDEX ix_note_interview_id ON note (interview_id);
CREATE INDEX ix_prep_item_interview_id ON prep_item (interview_id);
CREATE INDEX ix_stage_change_contact_id ON stage_change (contact_id);
CREATE TRIGGER search_contact_1_delete AFTER DELETE ON contact BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 1; END;
CREATE TRIGGER search_contact_1_insert AFTER INSERT ON contact BEGIN INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) VALUES (new.id * 8 + 1, new.name || ' · ' || new.organization || ' · ' || new.title || ' · ' || new.career_field || char(10) || new.notes, 1, new.id, NULL); END;
CREATE TRIGGER search_contact_1_update AFTER UPDATE ON contact BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 1; INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) VALUES (new.id * 8 + 1, new.name || ' · ' || new.organization || ' · ' || new.title || ' · ' || new.career_field || char(10) || new.notes, 1, new.id, NULL); END;
CREATE TRIGGER search_fact_7_delete AFTER DELETE ON fact BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 7; END;
CREATE TRIGGER search_fact_7_insert AFTER INSERT ON fact BEGIN INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) SELECT new.id * 8 + 7, new.message, 7, new.contact_id, new.interview_id WHERE new.message != ''; END;
CREATE TRIGGER search_fact_7_update AFTER UPDATE ON fact BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 7; INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) SELECT new.id * 8 + 7, new.message, 7, new.contact_id, new.interview_id WHERE new.message != ''; END;
CREATE TRIGGER search_interview_4_delete AFTER DELETE ON interview BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 4; END;
CREATE TRIGGER search_interview_4_insert AFTER INSERT ON interview BEGIN INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) VALUES (new.id * 8 + 4, new.debrief_learned || char(10) || new.debrief_open_questions || char(10) || new.debrief_impressions || char(10) || new.debrief_direction, 4, new.contact_id, new.id); END;
CREATE TRIGGER search_interview_4_update AFTER UPDATE ON interview BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 4; INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) VALUES (new.id * 8 + 4, new.debrief_learned || char(10) || new.debrief_open_questions || char(10) || new.debrief_impressions || char(10) || new.debrief_direction, 4, new.contact_id, new.id); END;
CREATE TRIGGER search_interview_5_delete AFTER DELETE ON interview BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 5; END;
CREATE TRIGGER search_interview_5_insert AFTER INSERT ON interview BEGIN INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) VALUES (new.id * 8 + 5, new.story || char(10) || new.field_notes || char(10) || new.org_notes, 5, new.contact_id, new.id); END;
CREATE TRIGGER search_interview_5_update AFTER UPDATE ON interview BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 5; INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) VALUES (new.id * 8 + 5, new.story || char(10) || new.field_notes || char(10) || new.org_notes, 5, new.contact_id, new.id); END;
CREATE TRIGGER search_interview_6_delete AFTER DELETE ON interview BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 6; END;
CREATE TRIGGER search_interview_6_insert AFTER INSERT ON interview BEGIN INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) VALUES (new.id * 8 + 6, new.talk_notes, 6, new.contact_id, new.id); END;
CREATE TRIGGER search_interview_6_update AFTER UPDATE OF talk_notes, contact_id ON interview BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 6; INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) VALUES (new.id * 8 + 6, new.talk_notes, 6, new.contact_id, new.id); END;
CREATE TRIGGER search_interview_question_3_delete AFTER DELETE ON interview_question BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 3; END;
CREATE TRIGGER search_interview_question_3_insert AFTER INSERT ON interview_question BEGIN INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) VALUES (new.id * 8 + 3, new.text || char(10) || new.answer, 3, (SELECT contact_id FROM interview WHERE id = new.interview_id), new.interview_id); END;
CREATE TRIGGER search_interview_question_3_update AFTER UPDATE ON interview_question BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 3; INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) VALUES (new.id * 8 + 3, new.text || char(10) || new.answer, 3, (SELECT contact_id FROM interview WHERE id = new.interview_id), new.interview_id); END;
CREATE TRIGGER search_note_2_delete AFTER DELETE ON note BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 2; END;
CREATE TRIGGER search_note_2_insert AFTER INSERT ON note BEGIN INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) VALUES (new.id * 8 + 2, new.text, 2, (SELECT contact_id FROM interview WHERE id = new.interview_id), new.interview_id); END;
CREATE TRIGGER search_note_2_update AFTER UPDATE ON note BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 2; INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) VALUES (new.id * 8 + 2, new.text, 2, (SELECT contact_id FROM interview WHERE id = new.interview_id), new.interview_id); END;
INSERT INTO "alembic_version" ("version_num") VALUES ('0012');
