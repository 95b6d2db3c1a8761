DROP TABLE sponsorships;
