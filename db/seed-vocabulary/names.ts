/**
 * Word pools for restaurant names. A concept's name pattern says which pool fills each {placeholder};
 * {local} comes from the city instead (see CitySpec.local). The words are common Indian family names,
 * deities and place names rather than any real chain's brand.
 */
export const NAME_POOLS = {
  person: [
    'Anand', 'Lakshmi', 'Ganesh', 'Raju', 'Shanti', 'Kamath', 'Shetty', 'Sharma', 'Gupta', 'Kapoor', 'Mehta',
    'Joshi', 'Iyer', 'Rao', 'Malhotra', 'Deshpande', 'Kulkarni', 'Naidu', 'Chawla', 'Verma', 'Bhatia', 'Sinha',
  ],
  punjabi: [
    'Sardarji', 'Pappu', 'Bittu', 'Chawla', 'Kake', 'Gill', 'Sandhu', 'Bhatia', 'Arora', 'Sethi', 'Dhillon',
    'Grewal', 'Bhullar', 'Sodhi', 'Pammi', 'Billu',
  ],
  deity: [
    'Sri Krishna', 'Sri Ganesh', 'Sri Rama', 'Sri Lakshmi', 'Sri Venkateshwara', 'Sri Sai', 'Annapoorna',
    'Sri Durga', 'Sri Murugan', 'Sri Balaji', 'Sri Raghavendra', 'Sri Vinayaka', 'Sri Manjunatha', 'Sri Gowri',
  ],
  royal: [
    'Nawab', 'Nizam', 'Shahi', 'Sultan', 'Badshah', 'Mehfil', 'Zaika', 'Noor', 'Nazakat', 'Dastarkhwan',
    'Mughal', 'Tehzeeb', 'Ustad', 'Khansama', 'Riyasat', 'Zafraan', 'Kesar', 'Shehzada',
  ],
  evoc: [
    'Spice', 'Saffron', 'Tadka', 'Masala', 'Handi', 'Tandoor', 'Chulha', 'Angeethi', 'Zaffran', 'Rasoi',
    'Pind', 'Haveli', 'Punjab', 'Swad', 'Dawat', 'Tulsi',
  ],
  cafe: [
    'Aroma', 'Banyan', 'Monsoon', 'Peepal', 'Mango Tree', 'Jasmine', 'Pinewood', 'Verandah', 'Irani',
    'Courtyard', 'Terrace', 'Bougainvillea', 'Marigold', 'Cinnamon', 'Cardamom', 'Indigo',
  ],
  chinese: [
    'Golden Dragon', 'Red Lantern', 'Bamboo', 'Jade', 'Lotus', 'Peking', 'Canton', 'Shanghai', 'Hakka',
    'Tangra', 'Mandarin', 'Lucky', 'Silk Route', 'Blue Ginger', 'Chopsticks', 'Wok Star',
  ],
  pizza: ['Napoli', 'Brick Oven', 'Stone Oven', 'Crust', 'Fire', 'Tuscany', 'Olive', 'Basil', 'Roma', 'Sicily'],
  momo: ['Himalayan', 'Tibetan', 'Darjeeling', 'Sikkim', 'Everest', 'Lhasa', 'Yak', 'Gangtok', 'Kathmandu', 'Kalimpong'],
  trader: [
    'Gupta', 'Sharma', 'Agarwal', 'Bansal', 'Jain', 'Bikaner', 'Ram', 'Natraj', 'Kanha', 'Shyam',
    'Jodhpur', 'Mathura', 'Goyal', 'Mittal', 'Chandni', 'Vrindavan',
  ],
  guj: [
    'Patel', 'Shah', 'Mehta', 'Desai', 'Gopi', 'Shreeji', 'Jalaram', 'Mahalaxmi', 'Ambica', 'Navrang', 'Swati',
    'Parikh', 'Dwarka', 'Somnath',
  ],
  street: ['Sardar', 'Amar', 'Shiv', 'Bhau', 'Ganesh', 'Shivaji', 'Joshi', 'Ashok', 'Sai', 'Mama', 'Anna', 'Kaka'],
  bengali: [
    'Bose', 'Ghosh', 'Mitra', 'Banerjee', 'Mukherjee', 'Sen', 'Chatterjee', 'Basu', 'Aparna', 'Ruposhi',
    'Ananda', 'Dutta', 'Maa Tara', 'Padma',
  ],
  kerala: [
    'Nair', 'Menon', 'Pillai', 'Kuttanad', 'Kayal', 'Mappila', 'Thalassery', 'Kochi', 'Calicut', 'Alleppey',
    'Kumarakom', 'Malabar',
  ],
  tamil: ['Karaikudi', 'Madurai', 'Velu', 'Murugan', 'Pandian', 'Kongu', 'Muniyandi', 'Sivakasi', 'Selvam', 'Annamalai'],
  telugu: [
    'Nellore', 'Guntur', 'Rayalaseema', 'Godavari', 'Vijayawada', 'Konaseema', 'Tirupati', 'Warangal', 'Amaravati',
    'Ongole', 'Kakinada',
  ],
  coastal: [
    'Mangalore', 'Malvan', 'Konkan', 'Goa', 'Karwar', 'Gomantak', 'Sindhudurg', 'Kundapur', 'Sagar', 'Dariya',
    'Ratnagiri', 'Devgad',
  ],
} as const satisfies Record<string, readonly string[]>;

export type NamePool = keyof typeof NAME_POOLS;
