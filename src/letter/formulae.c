/* catalog.c: the genre's formulae in English, French and Chinese. */
#include "formulae.h"

#include <string.h>
#include <strings.h>

typedef struct entry {
  cat_key key;
  const char *text;
} entry;

static const entry ENTRIES[] = {
    {CAT_LABEL_REF, "Ref."},
    {CAT_LABEL_REF, "Ref:"},
    {CAT_LABEL_REF, "Réf."},
    {CAT_LABEL_REF, "Réf:"},
    {CAT_LABEL_REF, "文号"},
    {CAT_LABEL_TEL, "Tel"},
    {CAT_LABEL_TEL, "Tél"},
    {CAT_LABEL_TEL, "电话"},
    {CAT_LABEL_FAX, "Fax"},
    {CAT_LABEL_FAX, "Télécopie"},
    {CAT_LABEL_FAX, "传真"},
    {CAT_LABEL_EMAIL, "E-mail"},
    {CAT_LABEL_EMAIL, "Email"},
    {CAT_LABEL_EMAIL, "Courriel"},
    {CAT_LABEL_EMAIL, "电子邮件"},
    {CAT_LABEL_WEB, "Web"},
    {CAT_LABEL_WEB, "网站"},
    {CAT_LABEL_SUBJECT, "Subject"},
    {CAT_LABEL_SUBJECT, "Objet"},
    {CAT_LABEL_SUBJECT, "事由"},
    {CAT_LABEL_TO, "To:"},
    {CAT_LABEL_TO, "Aux:"},
    {CAT_LABEL_TO, "致："},
    {CAT_LABEL_TO, "致:"},
    {CAT_SALUTATION, "Dear Sir/Madam"},
    {CAT_SALUTATION, "Dear Sir or Madam"},
    {CAT_SALUTATION, "Dear Colleague"},
    {CAT_SALUTATION, "Madame, Monsieur"},
    {CAT_SALUTATION, "Mesdames, Messieurs"},
    {CAT_SALUTATION, "Madame, Mademoiselle, Monsieur"},
    {CAT_SALUTATION, "尊敬的先生/女士"},
    {CAT_SALUTATION, "尊敬的女士/先生"},
    {CAT_CLOSING, "Yours faithfully"},
    {CAT_CLOSING, "Yours sincerely"},
    {CAT_CLOSING, "Veuillez agréer"},
    {CAT_CLOSING, "顺致敬意"},
    {CAT_CLOSING, "此致"},
    {CAT_DEADLINES, "Key deadlines"},
    {CAT_DEADLINES, "Principales échéances"},
    {CAT_DEADLINES, "Dates limites"},
    {CAT_DEADLINES, "重要截止日期"},
    {CAT_ENCLOSURE, "Annexes:"},
    {CAT_ENCLOSURE, "Annex:"},
    {CAT_ENCLOSURE, "Annexe:"},
    {CAT_ENCLOSURE, "Annexes :"},
    {CAT_ENCLOSURE, "Annexe :"},
    {CAT_ENCLOSURE, "Enclosures:"},
    {CAT_ENCLOSURE, "附件："},
    {CAT_ENCLOSURE, "附件:"},
    {CAT_ANNEX, "ANNEX "},
    {CAT_ANNEX, "ANNEXE "},
    {CAT_ANNEX, "Annex "},
    {CAT_ANNEX, "Annexe "},
    {CAT_ANNEX, "附件"},
    {CAT_SIGNATORY_TITLE, "Director"},
    {CAT_SIGNATORY_TITLE, "Directeur"},
    {CAT_SIGNATORY_TITLE, "Standardization Bureau"},
    {CAT_SIGNATORY_TITLE, "Bureau de la normalisation"},
    {CAT_SIGNATORY_TITLE, "des télécommunications"},
    {CAT_SIGNATORY_TITLE, "主任"},
    {CAT_PLACE_GENEVA, "Geneva"},
    {CAT_PLACE_GENEVA, "Genève"},
    {CAT_PLACE_GENEVA, "日内瓦"},
    {CAT_VIRTUAL, "virtual"},
    {CAT_VIRTUAL, "virtuel"},
    {CAT_VIRTUAL, "e-plenary"},
    {CAT_VIRTUAL, "e-meeting"},
    {CAT_VIRTUAL, "虚拟"},
    {CAT_VIRTUAL, "fully virtual"},
    {CAT_HYBRID, "hybrid"},
    {CAT_HYBRID, "hybride"},
    {CAT_HYBRID, "混合"},
    {CAT_MEETING, "meeting"},
    {CAT_MEETING, "réunion"},
    {CAT_MEETING, "plenary"},
    {CAT_MEETING, "会议"},
    {CAT_ROLE_MEMBER_STATES, "Member States"},
    {CAT_ROLE_MEMBER_STATES, "États Membres"},
    {CAT_ROLE_MEMBER_STATES, "成员国"},
    {CAT_ROLE_SECTOR_MEMBERS, "Sector Members"},
    {CAT_ROLE_SECTOR_MEMBERS, "Membres du Secteur"},
    {CAT_ROLE_SECTOR_MEMBERS, "部门成员"},
    {CAT_ROLE_ASSOCIATES, "Associates"},
    {CAT_ROLE_ASSOCIATES, "Associés"},
    {CAT_ROLE_ASSOCIATES, "准成员"},
    {CAT_ROLE_ACADEMIA, "Academia"},
    {CAT_ROLE_ACADEMIA, "universitaires"},
    {CAT_ROLE_ACADEMIA, "学术成员"},
    {CAT_ROLE_CHAIRS, "Chairmen"},
    {CAT_ROLE_CHAIRS, "Chairs"},
    {CAT_ROLE_CHAIRS, "Présidents"},
    {CAT_ROLE_CHAIRS, "主席"},
    {CAT_KIND_TRANSLATION, "translation"},
    {CAT_KIND_TRANSLATION, "traduction"},
    {CAT_KIND_TRANSLATION, "翻译"},
    {CAT_KIND_INTERPRETATION, "interpretation"},
    {CAT_KIND_INTERPRETATION, "interprétation"},
    {CAT_KIND_INTERPRETATION, "口译"},
    {CAT_KIND_REGISTRATION, "Registration"},
    {CAT_KIND_REGISTRATION, "Inscription"},
    {CAT_KIND_REGISTRATION, "注册"},
    {CAT_KIND_CONTRIBUTIONS, "contributions"},
    {CAT_KIND_CONTRIBUTIONS, "文稿"},
    {CAT_KIND_FELLOWSHIP, "fellowship"},
    {CAT_KIND_FELLOWSHIP, "bourse"},
    {CAT_KIND_FELLOWSHIP, "与会补贴"},
    {CAT_KIND_VISA, "visa"},
    {CAT_KIND_VISA, "签证"},
    {CAT_STUDY_GROUP, "Study Group"},
    {CAT_STUDY_GROUP, "Commission d'études"},
    {CAT_STUDY_GROUP, "研究组"},
    {CAT_WORKING_PARTY, "Working Party"},
    {CAT_WORKING_PARTY, "Groupe de travail"},
    {CAT_WORKING_PARTY, "工作组"},
};

static const char *skip_lead(const char *t) {
  for (;;) {
    if (*t == ' ' || *t == '\t' || *t == '-')
      t++;
    else if (strncmp(t, "\xE2\x80\x93", 3) == 0 || strncmp(t, "\xE2\x80\x94", 3) == 0)
      t += 3;
    else
      return t;
  }
}

size_t cat_prefix(cat_key key, const char *text) {
  const char *t = skip_lead(text);
  for (size_t i = 0; i < sizeof ENTRIES / sizeof *ENTRIES; i++) {
    if (ENTRIES[i].key != key) continue;
    size_t n = strlen(ENTRIES[i].text);
    if (strncasecmp(t, ENTRIES[i].text, n) == 0) return (size_t)(t - text) + n;
  }
  return 0;
}

bool cat_contains(cat_key key, const char *text) {
  for (size_t i = 0; i < sizeof ENTRIES / sizeof *ENTRIES; i++) {
    if (ENTRIES[i].key != key) continue;
    size_t n = strlen(ENTRIES[i].text);
    for (const char *p = text; *p; p++)
      if (strncasecmp(p, ENTRIES[i].text, n) == 0) return true;
  }
  return false;
}
